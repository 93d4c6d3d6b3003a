/** Dependency-free SVG charts rendered on the server; text is XML-escaped, no inline styles. */
export { type Bar, type BarChartInput, barChartSvg } from './bar-chart';
export { type LineChartInput, type LinePoint, lineChartSvg } from './line-chart';
export { type StatusBarInput, type StatusCount, statusBarSvg } from './status-bar';
export { CHART_STATUSES, type ChartStatus, escapeXml } from './svg';
