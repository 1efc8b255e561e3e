// Integration and end-to-end tests start databases and apps: give each test a minute, not jest's 5 s.
jest.setTimeout(60_000);
