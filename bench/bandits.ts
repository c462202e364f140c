/**
 * Bandit regret: 10,000 rounds on Bernoulli arms with success rates 0.10 / 0.12 / 0.15, averaged over
 * many seeded runs. Regret is the pseudo-regret Σ (0.15 − p(chosen arm)), the expected reward lost to
 * exploration; the reward each policy learns from is a seeded Bernoulli draw, updated every round.
 * Baseline: a uniform split (an A/B/C test), whose regret is 10,000 × (0.15 − mean rate).
 *
 *   npm run build && node bench/bandits.ts [--quick] [--runs=200] [--rounds=10000]
 */
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { dist, numberArg } from "./harness.ts";

type Bandits = typeof import("../src/experiments/bandits/index.ts");
type Rng = typeof import("../src/stats/rng.ts");

const RATES = [0.1, 0.12, 0.15];
const ARMS = ["a", "b", "c"];
const POLICIES = ["uniform", "thompson-beta", "thompson-beta-1000", "ucb1", "epsilon-greedy"] as const;
type PolicyName = (typeof POLICIES)[number];
/** Monte Carlo draws of Thompson's propensities: 40 per refresh keeps 200 × 10,000 refreshes fast. */
const DRAWS = 40;
/** The default 1000 draws cost about 0.25 ms per refresh with 3 arms, so that row runs 1/50 of the seeds. */
const FULL_DRAWS_FRACTION = 50;
interface Job {
  policy: PolicyName;
  seeds: number[];
  rounds: number;
}
interface JobResult {
  policy: PolicyName;
  regrets: number[];
  bestShare: number[];
  ms: number;
}

async function main(): Promise<void> {
  const runs = numberArg("runs", 200, 20);
  const rounds = numberArg("rounds", 10_000, 10_000);
  const threads = Math.max(1, Math.min(2, availableParallelism()));
  const started = performance.now();
  const jobs: Job[] = POLICIES.flatMap((policy) => {
    const n = policy === "thompson-beta-1000" ? Math.max(2, Math.round(runs / FULL_DRAWS_FRACTION)) : runs;
    return Array.from({ length: threads * 2 }, (_, t) => ({
      policy,
      rounds,
      seeds: Array.from({ length: n }, (_, s) => s + 1).filter((s) => s % (threads * 2) === t),
    }));
  });
  const shards = Array.from({ length: threads }, (_, t) => jobs.filter((_, i) => i % threads === t));
  const results = (
    await Promise.all(
      shards.map(
        (shard) =>
          new Promise<JobResult[]>((done, fail) => {
            const w = new Worker(fileURLToPath(import.meta.url), { workerData: shard });
            w.once("message", done);
            w.once("error", fail);
          }),
      ),
    )
  ).flat();
  const elapsedS = (performance.now() - started) / 1000;
  const by = (policy: PolicyName) => {
    const rs = results.filter((r) => r.policy === policy);
    const regrets = rs.flatMap((r) => r.regrets);
    const shares = rs.flatMap((r) => r.bestShare);
    const mean = regrets.reduce((s, x) => s + x, 0) / regrets.length;
    const sd = Math.sqrt(regrets.reduce((s, x) => s + (x - mean) ** 2, 0) / (regrets.length - 1));
    const share = shares.reduce((s, x) => s + x, 0) / shares.length;
    const ms = rs.reduce((s, r) => s + r.ms, 0);
    return { mean, se: sd / Math.sqrt(regrets.length), share, ms, runs: regrets.length };
  };
  const uniform = by("uniform");
  console.log("## Bandit regret on Bernoulli arms 0.10 / 0.12 / 0.15\n");
  console.log(
    `${runs} seeded runs of ${rounds.toLocaleString("en")} rounds per policy, ${threads} worker threads; ` +
      "regret = expected reward lost against always playing the 0.15 arm (pseudo-regret), mean ± standard error. " +
      `Thompson = \`BetaThompson\` (Beta(1, 1) prior) with ${DRAWS} Monte Carlo draws per refresh of its ` +
      "propensities, and with the default 1000 draws on fewer runs; UCB1 with c = √2; epsilon-greedy with " +
      "ε = max(0.01, 0.1 / (1 + 0.001·t)). Every policy learns from every round (no batching).\n",
  );
  console.log(
    "| policy | runs | cumulative regret | ÷ uniform | share of rounds on the best arm | CPU time |",
  );
  console.log("| --- | ---: | ---: | ---: | ---: | ---: |");
  for (const policy of POLICIES) {
    const r = by(policy);
    const label =
      policy === "thompson-beta"
        ? `thompson-beta (${DRAWS} draws)`
        : policy.replace("-1000", " (1000 draws)");
    console.log(
      `| ${label} | ${r.runs} | ${r.mean.toFixed(1)} ± ${r.se.toFixed(1)} | ${(r.mean / uniform.mean).toFixed(3)} | ` +
        `${(r.share * 100).toFixed(1)}% | ${(r.ms / 1000).toFixed(1)} s |`,
    );
  }
  const ratio = by("thompson-beta").mean / uniform.mean;
  console.log(
    `\n**Goal — Thompson sampling's regret under 20% of a uniform split's: ${ratio < 0.2 ? "yes" : "NO"}** ` +
      `(${(ratio * 100).toFixed(1)}%)`,
  );
  console.log(`**Goal — bench under 30 s: ${elapsedS < 30 ? "yes" : "NO"}** (${elapsedS.toFixed(1)} s)`);
}

async function worker(): Promise<void> {
  const jobs = workerData as Job[];
  const bandits = (await import(dist("experiments/bandits/index.js"))) as Bandits;
  const { Xoshiro128 } = (await import(dist("stats/rng.js"))) as Rng;
  const best = Math.max(...RATES);
  const out: JobResult[] = [];
  for (const job of jobs) {
    const t0 = performance.now();
    const regrets: number[] = [];
    const bestShare: number[] = [];
    for (const seed of job.seeds) {
      const env = new Xoshiro128(seed * 7919 + 13);
      const options = { arms: ARMS, seed };
      const policy =
        job.policy === "thompson-beta"
          ? new bandits.BetaThompson({ ...options, draws: DRAWS })
          : job.policy === "thompson-beta-1000"
            ? new bandits.BetaThompson(options)
            : job.policy === "ucb1"
              ? new bandits.Ucb1(options)
              : job.policy === "epsilon-greedy"
                ? new bandits.EpsilonGreedy(options)
                : undefined;
      let regret = 0;
      let onBest = 0;
      for (let t = 0; t < job.rounds; t++) {
        const decision = policy?.choose();
        const arm = decision ? ARMS.indexOf(decision.arm) : env.nextBelow(ARMS.length);
        const rate = RATES[arm]!;
        regret += best - rate;
        if (rate === best) onBest++;
        const reward = env.nextFloat() < rate ? 1 : 0;
        if (decision) policy?.reward(decision.decisionId, reward);
      }
      regrets.push(regret);
      bestShare.push(onBest / job.rounds);
    }
    out.push({ policy: job.policy, regrets, bestShare, ms: performance.now() - t0 });
  }
  parentPort!.postMessage(out);
}

if (isMainThread) await main();
else await worker();
