// Stands in for the `server-only` guard package in plain-Node unit tests.
export {};
