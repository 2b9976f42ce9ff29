// Market files: schema, validation, date-holidays, the loaded registry.
export { loadMarkets, MarketFileError, parseMarketFile } from './load.js';
export { buildMarket, resolvePolicy, type Market, type MarketPolicy } from './market.js';
export { coveredDates, holidaysOfYear } from './holidays.js';
export { DISPUTE_REASONS, MarketFileSchema, WEEKDAY_KEYS, type DisputeReason, type MarketFile } from './schema.js';
export { validateMarketFile, type Problem } from './validate.js';
