// An s3:// index takes its endpoint, plain-http permission, region and credentials from
// config, as LanceDB's object_store option names; any other location gets none of them.
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.js";

describe("loadConfig: the index on object storage", () => {
  it("passes no storage options for a local folder, even with AWS variables in the environment", () => {
    expect(loadConfig({}).lancedb.storageOptions).toBeUndefined();
    expect(loadConfig({ LANCEDB_URI: "data/x", AWS_ACCESS_KEY_ID: "k", AWS_SECRET_ACCESS_KEY: "s", AWS_REGION: "eu-west-1" }).lancedb.storageOptions).toBeUndefined();
    expect(loadConfig({ LANCEDB_URI: "gs://bucket/guide", AWS_REGION: "eu-west-1" }).lancedb.storageOptions).toBeUndefined();
  });

  it("leaves an s3:// index on AWS to LanceDB's own credential chain when nothing is set", () => {
    expect(loadConfig({ LANCEDB_URI: "s3://bucket/guide" }).lancedb.storageOptions).toBeUndefined();
  });

  it("maps the endpoint, allow-http, region and credentials for an S3-compatible store", () => {
    const { lancedb } = loadConfig({
      LANCEDB_URI: "s3://bucket/guide",
      LANCEDB_S3_ENDPOINT: "http://127.0.0.1:9000",
      LANCEDB_S3_ALLOW_HTTP: "true",
      AWS_DEFAULT_REGION: "us-east-1",
      AWS_ACCESS_KEY_ID: "key",
      AWS_SECRET_ACCESS_KEY: "secret",
      AWS_SESSION_TOKEN: "token",
    });
    expect(lancedb.storageOptions).toEqual({
      aws_endpoint: "http://127.0.0.1:9000",
      allow_http: "true",
      aws_region: "us-east-1",
      aws_access_key_id: "key",
      aws_secret_access_key: "secret",
      aws_session_token: "token",
    });
    // AWS_REGION wins over AWS_DEFAULT_REGION; an https endpoint needs no allow-http.
    expect(loadConfig({ LANCEDB_URI: "s3://b/g", LANCEDB_S3_ENDPOINT: "https://minio.example.gov", AWS_REGION: "a", AWS_DEFAULT_REGION: "b" }).lancedb.storageOptions).toEqual({
      aws_endpoint: "https://minio.example.gov",
      aws_region: "a",
    });
  });

  it("refuses a plain-http endpoint without LANCEDB_S3_ALLOW_HTTP, naming both variables", () => {
    expect(() => loadConfig({ LANCEDB_URI: "s3://b/g", LANCEDB_S3_ENDPOINT: "http://minio:9000" })).toThrow(/LANCEDB_S3_ENDPOINT=http:\/\/minio:9000 .*LANCEDB_S3_ALLOW_HTTP=true/);
  });

  it("refuses an endpoint that is not an http(s) URL, half a key pair, and S3 settings for another kind of location", () => {
    expect(() => loadConfig({ LANCEDB_URI: "s3://b/g", LANCEDB_S3_ENDPOINT: "minio:9000" })).toThrow(/LANCEDB_S3_ENDPOINT/);
    expect(() => loadConfig({ LANCEDB_URI: "s3://b/g", AWS_ACCESS_KEY_ID: "key" })).toThrow(/AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY go together/);
    expect(() => loadConfig({ LANCEDB_S3_ENDPOINT: "https://minio:9000" })).toThrow(ConfigError);
    expect(() => loadConfig({ LANCEDB_URI: "db://project", LANCEDB_S3_ALLOW_HTTP: "true" })).toThrow(/apply to an s3:\/\/ index only/);
  });
});
