// An Italian stemmer after the Snowball algorithm's rules (snowballstem.org, "Italian stemming
// algorithm"), written for this project: SQLite's FTS5 has no Italian stemmer, so posts are
// indexed as stems (`searchText`) and queries are stemmed the same way. PostgreSQL uses its own
// `italian` configuration instead.

const VOWELS = "aeiouàèìòù";
const isVowel = (c: string | undefined) => c !== undefined && VOWELS.includes(c);

function prepare(word: string): string {
  let w = word.replace(/á/g, "à").replace(/é/g, "è").replace(/í/g, "ì").replace(/ó/g, "ò").replace(/ú/g, "ù");
  w = w.replace(/qu/g, "qU");
  // i and u between vowels are consonants (marked upper case).
  const chars = [...w];
  for (let i = 1; i < chars.length - 1; i++) {
    if ((chars[i] === "i" || chars[i] === "u") && isVowel(chars[i - 1]) && isVowel(chars[i + 1])) chars[i] = chars[i].toUpperCase();
  }
  return chars.join("");
}

/** Start of the region after the first non-vowel following a vowel, from `start`. */
function regionAfter(w: string, start: number): number {
  for (let i = start + 1; i < w.length; i++) if (!isVowel(w[i]) && isVowel(w[i - 1])) return i + 1;
  return w.length;
}

function rvStart(w: string): number {
  if (w.length < 2) return w.length;
  if (!isVowel(w[1])) {
    for (let i = 2; i < w.length; i++) if (isVowel(w[i])) return i + 1;
    return w.length;
  }
  if (isVowel(w[0]) && isVowel(w[1])) {
    for (let i = 2; i < w.length; i++) if (!isVowel(w[i])) return i + 1;
    return w.length;
  }
  return 3;
}

const byLength = (list: string[]) => [...list].sort((a, b) => b.length - a.length);

const PRONOUNS = byLength(["ci", "gli", "la", "le", "li", "lo", "mi", "ne", "si", "ti", "vi", "sene", "gliela", "gliele", "glieli", "glielo", "gliene", "mela", "mele", "meli", "melo", "mene", "tela", "tele", "teli", "telo", "tene", "cela", "cele", "celi", "celo", "cene", "vela", "vele", "veli", "velo", "vene"]);
const STEP1_DELETE = byLength(["anza", "anze", "ico", "ici", "ica", "ice", "iche", "ichi", "ismo", "ismi", "abile", "abili", "ibile", "ibili", "ista", "iste", "isti", "istà", "istè", "istì", "oso", "osi", "osa", "ose", "mente", "atrice", "atrici", "ante", "anti"]);
const STEP1_ALL = byLength([...STEP1_DELETE, "azione", "azioni", "atore", "atori", "logia", "logie", "uzione", "uzioni", "usione", "usioni", "enza", "enze", "amento", "amenti", "imento", "imenti", "amente", "ità", "ivo", "ivi", "iva", "ive"]);
const VERB_SUFFIXES = byLength([
  "ammo", "ando", "ano", "are", "arono", "asse", "assero", "assi", "assimo", "ata", "ate", "ati", "ato", "ava", "avamo", "avano", "avate", "avi", "avo", "emmo", "enda", "ende", "endi", "endo", "erà", "erai", "eranno", "ere", "erebbe", "erebbero", "erei", "eremmo", "eremo", "ereste", "eresti", "erete", "erò", "erono", "essero", "ete", "eva", "evamo", "evano", "evate", "evi", "evo", "Yamo", "iamo", "immo", "irà", "irai", "iranno", "ire", "irebbe", "irebbero", "irei", "iremmo", "iremo", "ireste", "iresti", "irete", "irò", "irono", "isca", "iscano", "isce", "isci", "isco", "iscono", "issero", "ita", "ite", "iti", "ito", "iva", "ivamo", "ivano", "ivate", "ivi", "ivo", "ono", "uta", "ute", "uti", "uto", "ar", "ir",
]);

const endsIn = (w: string, suffixes: string[]) => suffixes.find((s) => w.endsWith(s));

function step0(w: string, rv: number): string {
  const pronoun = endsIn(w, PRONOUNS);
  if (!pronoun || w.length - pronoun.length < rv) return w;
  const stem = w.slice(0, -pronoun.length);
  const before = endsIn(stem, ["ando", "endo"]);
  if (before && stem.length - before.length >= rv) return stem;
  const verb = endsIn(stem, ["ar", "er", "ir"]);
  if (verb && stem.length - verb.length >= rv) return `${stem}e`;
  return w;
}

function step1(w: string, r1: number, r2: number, rv: number): { word: string; changed: boolean } {
  const suffix = endsIn(w, STEP1_ALL);
  if (!suffix) return { word: w, changed: false };
  const at = w.length - suffix.length;
  const inR2 = at >= r2;
  if (["amente"].includes(suffix)) {
    if (at < r1) return { word: w, changed: false };
    let x = w.slice(0, at);
    const after = endsIn(x, ["iv", "os", "ic", "abil"]);
    if (after && x.length - after.length >= r2) {
      x = x.slice(0, -after.length);
      if (after === "iv" && x.endsWith("at") && x.length - 2 >= r2) x = x.slice(0, -2);
    }
    return { word: x, changed: true };
  }
  if (!inR2) return { word: w, changed: false };
  let x = w.slice(0, at);
  if (["azione", "azioni", "atore", "atori"].includes(suffix)) {
    if (x.endsWith("ic") && x.length - 2 >= r2) x = x.slice(0, -2);
  } else if (["logia", "logie"].includes(suffix)) {
    x = `${x}log`;
  } else if (["uzione", "uzioni", "usione", "usioni"].includes(suffix)) {
    x = `${x}u`;
  } else if (["enza", "enze"].includes(suffix)) {
    x = `${x}ente`;
  } else if (["amento", "amenti", "imento", "imenti"].includes(suffix)) {
    if (at < rv) return { word: w, changed: false };
  } else if (suffix === "ità") {
    const after = endsIn(x, ["abil", "ic", "iv"]);
    if (after && x.length - after.length >= r2) x = x.slice(0, -after.length);
  } else if (["ivo", "ivi", "iva", "ive"].includes(suffix)) {
    if (x.endsWith("at") && x.length - 2 >= r2) {
      x = x.slice(0, -2);
      if (x.endsWith("ic") && x.length - 2 >= r2) x = x.slice(0, -2);
    }
  }
  return { word: x, changed: true };
}

function step2(w: string, rv: number): string {
  const suffix = endsIn(w, VERB_SUFFIXES);
  if (suffix && w.length - suffix.length >= rv) return w.slice(0, -suffix.length);
  return w;
}

function step3(w: string, rv: number): string {
  let x = w;
  if (/[aeioàèìò]$/.test(x) && x.length - 1 >= rv) {
    x = x.slice(0, -1);
    if (x.endsWith("i") && x.length - 1 >= rv) x = x.slice(0, -1);
  }
  if ((x.endsWith("ch") || x.endsWith("gh")) && x.length - 1 >= rv) x = x.slice(0, -1);
  return x;
}

/** The stem of one lower-case Italian word. */
export function stemItalian(input: string): string {
  const word = input.toLowerCase();
  if (word.length < 3) return word;
  let w = prepare(word);
  const r1 = regionAfter(w, 0);
  const r2 = regionAfter(w, r1);
  const rv = rvStart(w);
  w = step0(w, rv);
  const one = step1(w, r1, r2, rv);
  w = one.word;
  if (!one.changed) w = step2(w, rv);
  w = step3(w, rv);
  return w.replace(/I/g, "i").replace(/U/g, "u");
}

/** The words of a text (letters and digits, lower case), markdown punctuation dropped. */
export function wordsOf(text: string): string[] {
  return text.toLowerCase().normalize("NFC").match(/[\p{L}\p{N}]+/gu) ?? [];
}

// Words too common to search for (after Snowball's Italian stop-word list, abridged): left out of
// the index and of queries, as PostgreSQL's italian configuration does.
const STOP_WORDS = new Set(
  (
    "a ad al allo ai agli all agl alla alle con col coi da dal dallo dai dagli dall dagl dalla dalle di del dello dei degli dell degl della delle " +
    "in nel nello nei negli nell negl nella nelle su sul sullo sui sugli sull sugl sulla sulle per tra contro io tu lui lei noi voi loro " +
    "mio mia miei mie tuo tua tuoi tue suo sua suoi sue nostro nostra nostri nostre vostro vostra vostri vostre mi ti ci vi lo la li le gli ne " +
    "il un uno una ma ed se perché anche come dov dove che chi cui non più quale quanto quanti quanta quante quello quelli quella quelle " +
    "questo questi questa queste si tutto tutti c e i l o ho hai ha abbiamo avete hanno è sono sei siamo siete era erano essere sia"
  ).split(" "),
);

/** The words of a text worth indexing or searching for (stop words left out). */
export function searchWordsOf(text: string): string[] {
  return wordsOf(text).filter((word) => !STOP_WORDS.has(word));
}

/** A text reduced to stems, space separated: what the SQLite full-text index holds. */
export function searchTextOf(text: string): string {
  return searchWordsOf(text).map(stemItalian).join(" ");
}
