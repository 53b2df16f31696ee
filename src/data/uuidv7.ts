// The device's ids are the domain's UUIDv7, shared with the server.
export { uuidv7 } from '../domain/ids/uuidv7.ts';
