// The Cycles view: every team's improvement cycles side by side (GET /api/cycles), as the
// games sent them: each cycle's change, prediction, result, decision and system share. It
// is read again when a team's tile says its cycles changed (tile.cycles) while it is shown.

import { el, getJson } from "./api.js";

const DECISIONS = { adopt: "Adopt", adapt: "Adapt", abandon: "Abandon" };

function value(v) {
  return v === null || v === undefined ? "n/a" : String(v);
}

/** "Dishes served: 2 in round 1 → 3 in round 2" (or why there is no result yet). */
export function resultText(cycle) {
  if (cycle.tested_round === null) {
    return `Not played yet (to be compared with round ${cycle.compared_round})`;
  }
  const label = cycle.measure_label ? `${cycle.measure_label}: ` : "";
  return `${label}${value(cycle.before)} in round ${cycle.compared_round} → `
    + `${value(cycle.result)} in round ${cycle.tested_round}`;
}

/** "Prediction met", "Prediction not met", or the game's reason it cannot be said. */
export function outcomeText(cycle) {
  if (cycle.outcome === "met") return "Prediction met";
  if (cycle.outcome === "not met") return "Prediction not met";
  return cycle.outcome || "n/a";
}

function fact(list, term, ...content) {
  const row = el("div", "fact");
  const dd = el("dd");
  dd.append(...content);
  row.append(el("dt", "", term), dd);
  list.append(row);
}

function cycleNode(cycle) {
  const node = el("article", "cycle");
  node.dataset.cycle = String(cycle.cycle);
  node.append(el("h4", "", `Cycle ${cycle.cycle}: ${cycle.idea || "(no idea written)"}`));
  const facts = el("dl", "facts");

  const changes = el("ul", "changes");
  for (const change of cycle.changes) changes.append(el("li", "", change));
  if (cycle.more_changes) changes.append(el("li", "", `and ${cycle.more_changes} more`));
  if (!changes.children.length) changes.append(el("li", "", "No change listed"));
  fact(facts, "Change", changes);

  const said = cycle.prediction ? `“${cycle.prediction}”` : "–";
  const reads = cycle.prediction_reads ? el("span", "detail", ` (read as: ${cycle.prediction_reads})`) : "";
  fact(facts, "Prediction", said, reads);

  if (cycle.tested_round === null) {
    fact(facts, "Result", resultText(cycle));
  } else {
    const outcome = el("span", "outcome", outcomeText(cycle));
    const known = cycle.outcome === "met" || cycle.outcome === "not met";
    outcome.dataset.outcome = known ? cycle.outcome : "na";
    fact(facts, "Result", el("span", "", resultText(cycle)), " ", outcome);
  }

  const share = cycle.system_share === null ? "n/a" : `${Math.round(cycle.system_share * 100)}%`;
  fact(facts, "System share", el("strong", "", share), el("p", "detail", cycle.system_text));

  const decision = cycle.decision ? DECISIONS[cycle.decision] : "Not decided yet";
  const note = cycle.decision_note ? el("span", "detail", ` – ${cycle.decision_note}`) : "";
  fact(facts, "Decision", el("strong", "", decision), note);

  node.append(facts);
  return node;
}

function sessionNode(session, many) {
  const node = el("section", "cycle-session");
  if (many) node.append(el("h4", "session-name", `Session ${session.session}`));
  if (session.problem) node.append(el("p", "error", `The cycles cannot be read: ${session.problem}`));
  if (session.left_out) {
    node.append(el("p", "hint", `${session.left_out} earlier cycle${session.left_out === 1 ? "" : "s"} not shown.`));
  }
  if (!session.cycles.length && !session.problem) node.append(el("p", "hint", "No cycle planned yet."));
  for (const cycle of session.cycles) node.append(cycleNode(cycle));
  for (const chart of session.charts) {
    node.append(el("p", "chart-verdict", `Run chart – ${chart.verdict || chart.label}`));
  }
  return node;
}

function teamNode(team) {
  const node = el("article", "card team-cycles");
  node.dataset.gameId = team.game_id;
  node.append(el("h3", "team", team.team));
  if (!team.sessions.length) node.append(el("p", "hint", "No improvement cycles yet."));
  for (const session of team.sessions) node.append(sessionNode(session, team.sessions.length > 1));
  return node;
}

/**
 * The Cycles view inside container (say: where "Reading…" and refusals are told).
 * Returns {show(on), tileChanged(tile)}.
 */
export function cyclesView(container, say) {
  let shown = false;
  let loading = null;
  let again = false;
  let rendered = null; // the teams last drawn, as JSON: the same again is not redrawn
  const seen = new Map(); // game_id -> tile.cycles when last read
  const latest = new Map(); // game_id -> tile.cycles now

  async function load() {
    if (loading) {
      again = true;
      return;
    }
    loading = (async () => {
      const reply = await getJson("/api/cycles");
      if (!reply.ok) {
        say(`Cannot read the cycles: ${reply.error}`, "refused");
        return;
      }
      say("", "");
      for (const [id, count] of latest) seen.set(id, count);
      const text = JSON.stringify(reply.data.teams);
      if (text === rendered) return;
      rendered = text;
      container.replaceChildren(...reply.data.teams.map(teamNode));
      if (!reply.data.teams.length) container.append(el("p", "hint", "No team has joined yet."));
    })();
    await loading;
    loading = null;
    if (again) {
      again = false;
      load();
    }
  }

  return {
    show(on) {
      shown = on;
      if (on) load();
    },
    tileChanged(tile) {
      latest.set(tile.game_id, tile.cycles || 0);
      if (shown && seen.get(tile.game_id) !== (tile.cycles || 0)) load();
    },
  };
}
