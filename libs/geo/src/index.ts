export * from './postcode';
export * from './grid';
export * from './geocoder.port';
export * from './geodata.error';
export * from './chain.geocoder';
export * from './adapters/outcode/outcode-centroids';
export * from './adapters/outcode/outcode.geocoder';
export * from './adapters/onspd/onspd.geocoder';
