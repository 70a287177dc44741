// Tests never touch the network: every outbound connection fails unless it goes to this
// machine (local receivers, local mock servers). HTTP APIs are replayed with nock.
import nock from "nock";

nock.disableNetConnect();
nock.enableNetConnect(/^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/);
