// The part of autocannon's API the bench uses (the package ships no types).
declare module 'autocannon' {
  interface Request {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string;
    setupRequest?: (req: Request, context: Record<string, unknown>) => Request;
  }
  interface Options {
    url: string;
    connections?: number;
    duration?: number;
    amount?: number;
    pipelining?: number;
    timeout?: number;
    requests?: Request[];
    /** Return the raw result (encoded histograms), to be combined with others by aggregateResult. */
    skipAggregateResult?: boolean;
  }
  /** A run's result before aggregation (skipAggregateResult). */
  export interface RawResult {
    totalCompletedRequests: number;
    errors: number;
    timeouts: number;
    non2xx: number;
    duration: number;
  }
  interface Histogram {
    average: number;
    mean: number;
    p50: number;
    p90: number;
    p99: number;
    max: number;
    total: number;
  }
  interface Result {
    requests: Histogram;
    latency: Histogram;
    throughput: Histogram;
    errors: number;
    timeouts: number;
    non2xx: number;
    duration: number;
    '2xx': number;
  }
  function autocannon(opts: Options & { skipAggregateResult: true }): Promise<RawResult>;
  function autocannon(opts: Options): Promise<Result>;
  namespace autocannon {
    /** Combines raw results: latency percentiles over all their requests. */
    function aggregateResult(results: RawResult[], opts: { url: string; connections?: number }): Result;
  }
  export default autocannon;
}
