/**
 * ELK's layout in a Web Worker. elkjs's worker build installs its own message handler on `self`
 * when it finds itself in a worker scope; `elkjs/lib/elk-api` (the ELK class) talks to it. The
 * file is a same-origin script emitted by the bundler, and neither it nor elkjs evaluates strings,
 * so a CSP of `worker-src 'self'` without 'unsafe-eval' lets it run.
 */
import "elkjs/lib/elk-worker.min.js";
