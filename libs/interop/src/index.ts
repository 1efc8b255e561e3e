// Interop: reading and writing the files the sector exchanges (Ofsted provider lists; SSDA903 returns).
// Pure: it parses text handed to it and never opens a file, so callers stream and report as they like.
export * from './csv';
export * from './uuid-v5';
export * from './ofsted';
export * from './ssda903';
