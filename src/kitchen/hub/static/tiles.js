// One team's tile: what its game last reported, and the facilitator's controls for it.
// Tiles are updated in place, so a note or a rating being typed survives live updates.

import { confirmTwice, el, getJson, sendCommand } from "./api.js";
import { ratingForm } from "./rating.js";
import { number, percent, t, tagName } from "./words.js";

const STATES = ["lobby", "playing", "paused", "huddle", "debrief"];

/** Seconds as m:ss ("–" when unknown). */
export function clock(seconds) {
  if (seconds === null || seconds === undefined) return "–";
  const whole = Math.max(0, Math.ceil(seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
}

/**
 * What each stat of a tile shows: never a number the game did not report ("n/a" when it
 * measured nothing, "–" when no round is in play; a round over shows its final figures).
 */
export function shown(tile) {
  const idle = tile.state === "lobby";
  const count = (value) => (idle ? "–" : number(value));
  return {
    level: tile.level || "–",
    time_left: tile.state === "debrief" ? t("over") : clock(tile.time_left_s),
    score: count(tile.score),
    open_orders: count(tile.open_orders),
    disruption: idle ? "–" : tile.disruption || t("no_disruption"),
    callouts: count(tile.callouts),
    closed_loop: tile.closed_loop_ratio === null ? t("na") : percent(tile.closed_loop_ratio),
    talk: tile.talk_share === null ? t("na") : t("heard", { percent: percent(tile.talk_share) }),
    records: number(tile.records),
  };
}

/** A team's tile in the page. */
export class TeamTile {
  /** @param tool GET /api/team-tool; onLevel() is called when its disruptions change. */
  constructor(tile, tool, onLevel) {
    this.gameId = tile.game_id;
    this.tool = tool;
    this.tagLabels = null;
    this.onLevel = onLevel;
    this.disruptions = [];
    this.levelRound = null;
    const template = document.getElementById("tile-template");
    this.node = template.content.firstElementChild.cloneNode(true);
    this.node.dataset.gameId = tile.game_id;
    const q = (selector) => this.node.querySelector(selector);
    this.parts = {
      team: q(".team"),
      link: q(".badge.link"),
      state: q(".badge.state"),
      machine: q(".machine"),
      message: q(".message"),
      which: q('[data-role="which"]'),
      trigger: q('[data-role="trigger"]'),
      pause: q('[data-role="pause"]'),
      resume: q('[data-role="resume"]'),
      end: q('[data-role="end"]'),
      note: q('[data-role="note"]'),
      tags: q('[data-role="tags"]'),
    };
    this.fields = {};
    for (const dd of this.node.querySelectorAll("dd[data-field]")) {
      this.fields[dd.dataset.field] = dd;
    }
    const id = `t-${tile.game_id}`;
    this.parts.which.id = `${id}-which`;
    q('label[data-for="which"]').htmlFor = `${id}-which`;
    this.parts.note.id = `${id}-note`;
    this.parts.note.maxLength = tool.max_note;
    q('label[data-for="note"]').htmlFor = `${id}-note`;

    this.parts.trigger.addEventListener("click", () => {
      const index = Number(this.parts.which.value);
      const label = this.parts.which.selectedOptions[0]?.textContent || "";
      this.command({ kind: "trigger", index }, t("trigger", { label }));
    });
    this.parts.pause.addEventListener("click", () => this.command({ kind: "pause" }, t("pause")));
    this.parts.resume.addEventListener("click", () => this.command({ kind: "resume" }, t("resume")));
    confirmTwice(this.parts.end, () => this.command({ kind: "end" }, t("end_round")));
    this.parts.which.append(el("option", "", t("no_round_yet")));
    this.rating = ratingForm(q('[data-role="rating"]'), tile.game_id, tool);
    this.update(tile);
  }

  /**
   * Send a command to this team's game, saying on the tile what became of it (onDone, if
   * given, also hears the game's answer).
   */
  async command(command, what, onDone) {
    this.say(t("sending", { what }));
    let answered = false;
    const reply = await sendCommand(this.gameId, command, (done) => {
      answered = true;
      if (onDone) onDone(done);
      if (done.ok) this.say(t("done", { message: done.message || what }), "done");
      else this.say(t("not_done", { what, reason: done.message || t("no_reason") }), "refused");
    });
    if (!reply.ok) this.say(t("not_sent", { what, error: reply.error }), "refused");
    else if (!answered) this.say(t("sent", { what }), "sent");
    return reply;
  }

  /** One button per observation tag: the game's own (tile.tags), else the default ones. */
  setTags(labels) {
    this.tagLabels = labels.join("\n");
    this.parts.tags.replaceChildren();
    for (const label of labels) {
      const button = el("button", "tag", tagName(label));
      button.type = "button";
      button.addEventListener("click", async () => {
        const note = this.parts.note.value.trim();
        await this.command({ kind: "tag", label, note }, t("tag", { label: tagName(label) }), (done) => {
          // the note went with the tag: clear it (kept when the game could not tag)
          if (done.ok && this.parts.note.value.trim() === note) this.parts.note.value = "";
        });
      });
      this.parts.tags.append(button);
    }
  }

  say(text, state) {
    this.parts.message.textContent = text;
    if (state) this.parts.message.dataset.state = state;
  }

  /** Show the tile the hub pushed (or GET /api/state gave). */
  update(tile) {
    this.tile = tile;
    this.parts.team.textContent = tile.team;
    this.parts.machine.textContent = tile.machine ? t("on_machine", { machine: tile.machine }) : "";
    this.parts.link.textContent = tile.connected ? t("connected") : t("not_connected");
    this.parts.link.dataset.on = tile.connected ? "yes" : "no";
    this.parts.state.textContent = STATES.includes(tile.state) ? t(`state_${tile.state}`) : tile.state;
    this.parts.state.dataset.state = tile.state;
    this.node.dataset.state = tile.state;
    this.node.dataset.connected = tile.connected ? "yes" : "no";
    const values = shown(tile);
    for (const [name, dd] of Object.entries(this.fields)) dd.textContent = values[name];
    this.fields.disruption.dataset.active = tile.disruption ? "yes" : "no";
    for (const name of ["trigger", "pause", "resume", "end"]) {
      this.parts[name].disabled = !tile.connected;
    }
    const tags = tile.tags && tile.tags.length ? tile.tags : this.tool.tags;
    if (tags.join("\n") !== this.tagLabels) this.setTags(tags);
    for (const button of this.parts.tags.children) button.disabled = !tile.connected;
    this.parts.trigger.disabled = !tile.connected || this.disruptions.length === 0;
    this.parts.which.disabled = this.disruptions.length === 0;
    this.rating.setRounds(tile.rounds);
    if (tile.round && tile.round !== this.levelRound) this.loadLevel(tile.round);
  }

  /** The disruptions of the level this team plays (from its round's stored header). */
  async loadLevel(key) {
    this.levelRound = key;
    const reply = await getJson(
      `/api/teams/${encodeURIComponent(this.gameId)}/round?round=${encodeURIComponent(key)}`);
    if (this.levelRound !== key) return;
    if (!reply.ok) {
      this.levelRound = null; // the header may not be stored yet: ask again next time
      return;
    }
    this.disruptions = reply.data.disruptions;
    const before = this.parts.which.value;
    this.parts.which.replaceChildren();
    for (const d of this.disruptions) {
      const option = el("option", "", `${number(d.index + 1)}. ${d.label}`);
      option.value = String(d.index);
      this.parts.which.append(option);
    }
    if (this.disruptions.length === 0) {
      this.parts.which.append(el("option", "", t("no_disruptions")));
    } else if (before && this.disruptions.some((d) => String(d.index) === before)) {
      this.parts.which.value = before;
    }
    this.update(this.tile);
    this.onLevel();
  }
}
