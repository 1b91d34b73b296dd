// The TEAM rating form of one team (Cooper et al., 2010): the same eleven items, scale and
// global rating as the game's own observation sheet, read from GET /api/team-tool. Saving
// sends a "rating" command; the team's game appends it to that round's log, exactly as its
// own sheet does, and the log's new line streams back to the hub.

import { el, getJson, sendCommand } from "./api.js";
import { number, t } from "./words.js";

/**
 * "session/3" -> "Round 3"; a round of another session than latest's (the game was
 * restarted) also names its session.
 */
export function roundName(key, latest) {
  const cut = key.lastIndexOf("/");
  const session = key.slice(0, cut);
  const same = !latest || latest.slice(0, latest.lastIndexOf("/")) === session;
  const n = number(Number(key.slice(cut + 1)));
  return same ? t("round_n", { n }) : t("round_of_session", { n, session });
}

/** One row of choices as radio buttons drawn as large buttons. */
function choiceRow(name, legendText, detail, choices, className) {
  const fieldset = el("fieldset", `choice ${className}`);
  fieldset.append(el("legend", "", legendText));
  if (detail) fieldset.append(el("p", "detail", detail));
  const row = el("div", "choices");
  for (const [value, text, title] of choices) {
    const label = el("label", value === "" ? "choice-none" : "");
    const input = document.createElement("input");
    input.type = "radio";
    input.name = name;
    input.value = value;
    if (value === "") input.checked = true;
    const span = el("span", "", text);
    if (title) label.title = title;
    label.append(input, span);
    row.append(label);
  }
  fieldset.append(row);
  return fieldset;
}

/** The chosen value of a radio group: a number, or null for "not observed". */
function chosen(form, name) {
  const input = form.querySelector(`input[name="${CSS.escape(name)}"]:checked`);
  return input && input.value !== "" ? Number(input.value) : null;
}

function choose(form, name, value) {
  const wanted = value === null || value === undefined ? "" : String(value);
  for (const input of form.querySelectorAll(`input[name="${CSS.escape(name)}"]`)) {
    input.checked = input.value === wanted;
  }
}

/**
 * The rating form for team gameId inside container; tool is GET /api/team-tool.
 * Returns {setRounds(keys)} to keep its round list up to date with the team's tile.
 */
export function ratingForm(container, gameId, tool) {
  const form = el("form", "rating-form");
  form.noValidate = true;
  const prefix = `r-${gameId}`;
  const roundLabel = el("label", "", t("round"));
  roundLabel.htmlFor = `${prefix}-round`;
  const roundSelect = document.createElement("select");
  roundSelect.id = `${prefix}-round`;
  const loaded = el("p", "hint");
  form.append(roundLabel, roundSelect, loaded);

  const scale = el("p", "scale");
  const items = tool.scale.map((s) => t("scale_item", { value: number(s.value), text: s.text }));
  scale.textContent = t("scale", { scale: items.join("; ") });
  form.append(scale);

  const itemChoices = [["", "–", t("not_observed")]]
    .concat(tool.scale.map((s) => [String(s.value), number(s.value), s.text]));
  let group = "";
  for (const item of tool.items) {
    if (item.group !== group) {
      group = item.group;
      form.append(el("h4", "group", group));
    }
    form.append(choiceRow(`${prefix}-${item.key}`, item.short, item.text, itemChoices, "item"));
  }
  const [low, high] = tool.global_range;
  const globalChoices = [["", t("not_rated_choice"), t("not_rated")]];
  for (let n = low; n <= high; n += 1) globalChoices.push([String(n), number(n), ""]);
  form.append(el("h4", "group", t("global_rating")));
  const question = t("global_question", { question: tool.global_question, low: number(low), high: number(high) });
  form.append(choiceRow(`${prefix}-global`, question,
    "", globalChoices, "global"));

  const save = el("button", "primary", t("save_rating"));
  save.type = "submit";
  const message = el("p", "message");
  message.setAttribute("role", "status");
  message.setAttribute("aria-live", "polite");
  form.append(save, message);
  container.append(form);

  let keys = [];

  async function load(key) {
    if (!key) return;
    loaded.textContent = "";
    const reply = await getJson(
      `/api/teams/${encodeURIComponent(gameId)}/round?round=${encodeURIComponent(key)}`);
    if (roundSelect.value !== key) return; // another round was chosen meanwhile
    const rating = reply.ok ? reply.data.rating : null;
    for (const item of tool.items) {
      choose(form, `${prefix}-${item.key}`, rating ? rating.ratings[item.key] : null);
    }
    choose(form, `${prefix}-global`, rating ? rating.global_rating : null);
    if (!reply.ok) loaded.textContent = reply.error;
    else loaded.textContent = rating ? t("showing_saved") : t("not_rated_yet");
  }

  roundSelect.addEventListener("change", () => load(roundSelect.value));

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const key = roundSelect.value;
    if (!key) {
      message.textContent = t("nothing_to_rate");
      return;
    }
    const ratings = {};
    for (const item of tool.items) ratings[item.key] = chosen(form, `${prefix}-${item.key}`);
    const command = {
      kind: "rating",
      round: key,
      rating: { kind: "team", ratings, global_rating: chosen(form, `${prefix}-global`) },
    };
    save.disabled = true;
    message.textContent = t("sending_plain");
    let answered = false;
    const reply = await sendCommand(gameId, command, (done) => {
      answered = true;
      message.textContent = done.ok
        ? t("saved", { round: roundName(key, keys[keys.length - 1]) })
        : t("not_saved", { message: done.message });
      message.dataset.state = done.ok ? "saved" : "refused";
    });
    save.disabled = false;
    if (!reply.ok) {
      message.textContent = t("not_sent_plain", { error: reply.error });
      message.dataset.state = "refused";
    } else if (!answered) {
      message.textContent = t("waiting_save", { round: roundName(key, keys[keys.length - 1]) });
      message.dataset.state = "sent";
    }
  });

  return {
    setRounds(newKeys) {
      if (newKeys.length === keys.length && newKeys.every((k, i) => k === keys[i])) return;
      const wasLatest = roundSelect.value === "" || roundSelect.value === keys[keys.length - 1];
      keys = newKeys.slice();
      const before = roundSelect.value;
      roundSelect.replaceChildren();
      for (const key of keys.slice().reverse()) {
        const option = el("option", "", roundName(key, keys[keys.length - 1]));
        option.value = key;
        roundSelect.append(option);
      }
      roundSelect.disabled = keys.length === 0;
      save.disabled = keys.length === 0;
      if (keys.length === 0) {
        loaded.textContent = t("rate_after");
        return;
      }
      roundSelect.value = wasLatest || !keys.includes(before) ? keys[keys.length - 1] : before;
      if (roundSelect.value !== before) load(roundSelect.value);
    },
  };
}
