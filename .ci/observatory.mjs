// The MDN HTTP Observatory's own retriever, tests and grader, run against a local site.
// Its CLI (`mdn-http-observatory-scan <host>`) takes only a host name on the default ports;
// this does what its scanner/index.js does, but with the HTTP and HTTPS ports and a path.
// usage: node .ci/observatory.mjs <host> <httpPort> <httpsPort> <path>  -> JSON on stdout
import { retrieve } from "../node_modules/@mdn/mdn-http-observatory/src/retriever/retriever.js";
import { ALL_TESTS, NUM_TESTS } from "../node_modules/@mdn/mdn-http-observatory/src/constants.js";
import { MINIMUM_SCORE_FOR_EXTRA_CREDIT } from "../node_modules/@mdn/mdn-http-observatory/src/grader/charts.js";
import {
  getGradeForScore,
  getScoreModifier,
} from "../node_modules/@mdn/mdn-http-observatory/src/grader/grader.js";

const [host, httpPort, httpsPort, path] = process.argv.slice(2);
const requests = await retrieve(host, { httpPort, httpsPort, path });
if (!requests.responses.auto) {
  console.log(JSON.stringify({ error: "The site seems to be down." }));
  process.exit(1);
}

let testsPassed = 0;
let scoreWithExtraCredit = 100;
let uncurvedScore = 100;
const tests = {};
for (const test of ALL_TESTS) {
  const result = test(requests);
  if (result.result) {
    const modifier = getScoreModifier(result.result);
    testsPassed += result.pass ? 1 : 0;
    scoreWithExtraCredit += modifier;
    if (modifier < 0) uncurvedScore += modifier;
    tests[result.constructor.name] = { result: result.result, pass: result.pass, modifier };
  }
}
const score =
  uncurvedScore >= MINIMUM_SCORE_FOR_EXTRA_CREDIT ? scoreWithExtraCredit : uncurvedScore;
const final = getGradeForScore(score);
console.log(
  JSON.stringify({
    url: requests.session?.url?.href,
    status: requests.responses.auto.status,
    grade: final.grade,
    score: final.score,
    testsPassed,
    testsQuantity: NUM_TESTS,
    tests,
  }),
);
