export { startMockServer } from "./server.js";
export type {
  Api,
  FaultKind,
  FaultMatch,
  FaultSpec,
  Flavor,
  MockServer,
  MockServerOptions,
  MockServerStats,
  RecordedRequest,
  ServerCall,
} from "./types.js";
