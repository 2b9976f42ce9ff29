// Pure rules of the dashboard: the windows of a market overview, weekly seller trends.
export { CHART_DAYS, DUE_SOON_MINUTES, breachesPerDay, overviewWindow, type DayCount, type OverviewMarket, type OverviewWindow } from './overview.js';
export { sellerTrends, type SellerTrend, type TrendFact, type WeekPoint } from './trend.js';
