// The page's words in the hub's language: the hub renders them into the page (the JSON in
// #words, from kitchen.hub.page_words), so no script holds a word people read. Numbers and
// plurals follow the same language (Intl).

const data = (() => {
  const node = document.getElementById("words");
  try {
    return JSON.parse((node && node.dataset.words) || "{}");
  } catch (err) {
    return {};
  }
})();

/** The hub's language ("en", "fr"): the page's lang. */
export const lang = data.lang || document.documentElement.lang || "en";

const plurals = new Intl.PluralRules(lang);
const integers = new Intl.NumberFormat(lang, { maximumFractionDigits: 0 });
const percents = new Intl.NumberFormat(lang, { style: "percent", maximumFractionDigits: 0 });

function fill(text, values) {
  if (!values) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

/** The words of key, their {fields} filled in from values. */
export function t(key, values) {
  const words = data.words || {};
  return fill(key in words ? words[key] : key, values);
}

/** The words of key for a count n ({n} filled in as the language writes numbers). */
export function tn(key, n, values) {
  const forms = (data.plurals || {})[key];
  if (!forms) return key;
  const text = forms[plurals.select(n)] || forms.other;
  return fill(text, { ...values, n: integers.format(n) });
}

/** A whole number as the language writes it (1 234 in French). */
export function number(value) {
  return typeof value === "number" ? integers.format(value) : String(value);
}

/** A share as a percentage (0.42: "42%", in French "42 %"). */
export function percent(share) {
  return percents.format(share);
}

/** An observation tag as the hub's language shows it (a facilitator's own as written). */
export function tagName(label) {
  const tags = data.tags || {};
  return label in tags ? tags[label] : label;
}
