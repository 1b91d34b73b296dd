// The Cycles view: every team's improvement cycles side by side (GET /api/cycles), as the
// games sent them: each cycle's change, prediction, result, decision and system share. It
// is read again when a team's tile says its cycles changed (tile.cycles) while it is shown.

import { el, getJson } from "./api.js";
import { lang, number, percent, t, tn } from "./words.js";

const DECISIONS = ["adopt", "adapt", "abandon"];

function value(v) {
  return v === null || v === undefined ? t("na") : typeof v === "number" ? v.toLocaleString(lang) : String(v);
}

/** "Dishes served: 2 in round 1 → 3 in round 2" (or why there is no result yet). */
export function resultText(cycle) {
  if (cycle.tested_round === null) {
    return t("not_played", { round: number(cycle.compared_round) });
  }
  const values = {
    measure: cycle.measure_label,
    before: value(cycle.before),
    compared: number(cycle.compared_round),
    result: value(cycle.result),
    tested: number(cycle.tested_round),
  };
  return cycle.measure_label ? t("result_measure", values) : t("result", values);
}

/** "Prediction met", "Prediction not met", or the game's reason it cannot be said. */
export function outcomeText(cycle) {
  if (cycle.outcome === "met") return t("met");
  if (cycle.outcome === "not met") return t("not_met");
  return cycle.outcome || t("na");
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
  node.append(el("h4", "", t("cycle", { n: number(cycle.cycle), idea: cycle.idea || t("no_idea") })));
  const facts = el("dl", "facts");

  const changes = el("ul", "changes");
  for (const change of cycle.changes) changes.append(el("li", "", change));
  if (cycle.more_changes) changes.append(el("li", "", tn("more_changes", cycle.more_changes)));
  if (!changes.children.length) changes.append(el("li", "", t("no_change")));
  fact(facts, t("change"), changes);

  const said = cycle.prediction ? t("quoted", { words: cycle.prediction }) : "–";
  const reads = cycle.prediction_reads
    ? el("span", "detail", t("read_as", { reads: cycle.prediction_reads })) : "";
  fact(facts, t("prediction"), said, reads);

  if (cycle.tested_round === null) {
    fact(facts, t("result_term"), resultText(cycle));
  } else {
    const outcome = el("span", "outcome", outcomeText(cycle));
    const known = cycle.outcome === "met" || cycle.outcome === "not met";
    outcome.dataset.outcome = known ? cycle.outcome : "na";
    fact(facts, t("result_term"), el("span", "", resultText(cycle)), " ", outcome);
  }

  const share = cycle.system_share === null ? t("na") : percent(cycle.system_share);
  fact(facts, t("system_share"), el("strong", "", share), el("p", "detail", cycle.system_text));

  const decision = DECISIONS.includes(cycle.decision) ? t(cycle.decision) : t("not_decided");
  const note = cycle.decision_note ? el("span", "detail", ` – ${cycle.decision_note}`) : "";
  fact(facts, t("decision"), el("strong", "", decision), note);

  node.append(facts);
  return node;
}

function sessionNode(session, many) {
  const node = el("section", "cycle-session");
  if (many) node.append(el("h4", "session-name", t("session", { name: session.session })));
  if (session.problem) node.append(el("p", "error", t("cycles_problem", { problem: session.problem })));
  if (session.left_out) {
    node.append(el("p", "hint", tn("left_out", session.left_out)));
  }
  if (!session.cycles.length && !session.problem) node.append(el("p", "hint", t("no_cycle")));
  for (const cycle of session.cycles) node.append(cycleNode(cycle));
  for (const chart of session.charts) {
    node.append(el("p", "chart-verdict", t("run_chart", { verdict: chart.verdict || chart.label })));
  }
  return node;
}

function teamNode(team) {
  const node = el("article", "card team-cycles");
  node.dataset.gameId = team.game_id;
  node.append(el("h3", "team", team.team));
  if (!team.sessions.length) node.append(el("p", "hint", t("no_cycles")));
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
        say(t("cycles_unreadable", { error: reply.error }), "refused");
        return;
      }
      say("", "");
      for (const [id, count] of latest) seen.set(id, count);
      const text = JSON.stringify(reply.data.teams);
      if (text === rendered) return;
      rendered = text;
      container.replaceChildren(...reply.data.teams.map(teamNode));
      if (!reply.data.teams.length) container.append(el("p", "hint", t("no_team")));
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
