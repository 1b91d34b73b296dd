// Talking to the hub: JSON reads, and state-changing POSTs that always carry the
// login's CSRF token (the hub refuses any POST without it).

import { t } from "./words.js";

let csrf = "";

/** Remember this login's CSRF token (from GET /api/state). */
export function setCsrf(token) {
  csrf = token || "";
}

/** The hub's one-line refusal of a response, or a line naming its status. */
async function refusal(response) {
  try {
    const body = await response.json();
    if (body && typeof body.error === "string") return body.error;
  } catch (err) {
    // not JSON: fall through to the status line
  }
  return t("hub_answered", { status: response.status });
}

/** GET a JSON document: {ok, status, data | error}. */
export async function getJson(url) {
  let response;
  try {
    response = await fetch(url, { credentials: "same-origin", cache: "no-store" });
  } catch (err) {
    return { ok: false, status: 0, error: t("hub_unreachable") };
  }
  if (!response.ok) return { ok: false, status: response.status, error: await refusal(response) };
  return { ok: true, status: response.status, data: await response.json() };
}

/** POST a JSON body with the CSRF header: {ok, status, data | error}. */
export async function postJson(url, body) {
  let response;
  try {
    response = await fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      body: JSON.stringify(body),
    });
  } catch (err) {
    return { ok: false, status: 0, error: t("hub_unreachable") };
  }
  if (!response.ok) return { ok: false, status: response.status, error: await refusal(response) };
  return { ok: true, status: response.status, data: await response.json() };
}

/** Answers awaited from the games: command id -> function({game_id, ok, message}). */
const awaited = new Map();
/** Answers that came before the hub's reply to the POST: command id -> [messages]. */
const early = new Map();

/**
 * Send a command to one team (gameId) or to every connected game (null); onDone (if given)
 * hears each game's answer to it.
 */
export async function sendCommand(gameId, command, onDone) {
  const url = gameId === null
    ? "/api/command"
    : `/api/teams/${encodeURIComponent(gameId)}/command`;
  const reply = await postJson(url, command);
  if (reply.ok && onDone) {
    awaited.set(reply.data.id, onDone);
    if (awaited.size > 500) awaited.delete(awaited.keys().next().value);
    for (const message of early.get(reply.data.id) || []) onDone(message);
    early.delete(reply.data.id);
  }
  return reply;
}

/** A game answered a command (pushed on /ws/dashboard): true when someone was waiting. */
export function answered(message) {
  const onDone = awaited.get(message.id);
  if (!onDone) {
    early.set(message.id, (early.get(message.id) || []).concat([message]));
    if (early.size > 100) early.delete(early.keys().next().value);
    return false;
  }
  onDone(message);
  return true;
}

/** An element with a class and text (never HTML: team names are typed by people). */
export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * A button that needs a second tap within four seconds (ending a round cannot be undone);
 * the first tap shows its data-confirm text.
 */
export function confirmTwice(button, action) {
  let armed = null;
  const label = button.textContent;
  button.addEventListener("click", () => {
    if (armed === null) {
      button.textContent = button.dataset.confirm || t("tap_again");
      button.classList.add("armed");
      armed = setTimeout(() => {
        armed = null;
        button.textContent = label;
        button.classList.remove("armed");
      }, 4000);
      return;
    }
    clearTimeout(armed);
    armed = null;
    button.textContent = label;
    button.classList.remove("armed");
    action();
  });
}
