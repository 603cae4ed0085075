/**
 * Test helpers for code that runs against the sandbox (`@offerings/stripe-sandbox/testing`): fill
 * in its checkout pages, receive and verify its webhooks, list the events it recorded.
 */
export * from "./checkout";
export * from "./events";
export * from "./webhooks";
