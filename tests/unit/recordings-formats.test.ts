// Chapters typed by hosts, WebVTT captions, the watched-seconds bitmap, CSV cells.
import { neutralizeCell, toCsv } from "~/modules/webinars/attendance/csv.ts";
import { countBits, markSeconds } from "~/modules/webinars/recordings/seconds.ts";
import { formatTime, parseChapters, parseTime, validateWebVtt } from "~/modules/webinars/recordings/text-formats.ts";

describe("chapters", () => {
  it("reads m:ss and h:mm:ss, sorts, and refuses a bad line or a time past the end", () => {
    expect(parseTime("7:05")).toBe(425);
    expect(parseTime("1:02:03")).toBe(3723);
    expect(parseTime("7:5")).toBeNull();
    expect(parseChapters("12:30 Domande\n\n0:00 Apertura", 3600)).toEqual({ ok: true, chapters: [{ startSeconds: 0, title: "Apertura" }, { startSeconds: 750, title: "Domande" }] });
    expect(parseChapters("0:00 Apertura\nDomande", null)).toMatchObject({ ok: false, key: "recordings:chapters.badLine", values: { line: 2 } });
    expect(parseChapters("59:59 Fine", 600)).toMatchObject({ ok: false, key: "recordings:chapters.pastEnd" });
    expect(formatTime(425)).toBe("7:05");
    expect(formatTime(3723)).toBe("1:02:03");
  });
});

describe("WebVTT", () => {
  it("accepts a file with a header and well-formed cues (BOM, hours optional)", () => {
    expect(validateWebVtt("\uFEFFWEBVTT - sottotitoli\n\n1\n00:01.000 --> 00:04.250 align:start\nCiao\n\n01:00:00.000 --> 01:00:01.000\nFine\n")).toBeNull();
  });
  it("refuses a missing header, SRT timings, backwards cues and a file without cues", () => {
    expect(validateWebVtt("1\n00:00:01,000 --> 00:00:02,000\nx")).toEqual({ key: "recordings:captions.noHeader" });
    expect(validateWebVtt("WEBVTT\n\n00:00:01,000 --> 00:00:02,000\nx")).toEqual({ key: "recordings:captions.badTiming", values: { line: 3 } });
    expect(validateWebVtt("WEBVTT\n\n00:00:05.000 --> 00:00:02.000\nx")).toEqual({ key: "recordings:captions.badTiming", values: { line: 3 } });
    expect(validateWebVtt("WEBVTT\n\nNOTE nothing here\n")).toEqual({ key: "recordings:captions.noCues" });
  });
});

describe("watched seconds", () => {
  it("counts each second once, however often it is watched", () => {
    let bits = markSeconds(new Uint8Array(0), 0, 30);
    bits = markSeconds(bits, 10, 40);
    bits = markSeconds(bits, 100, 101);
    expect(countBits(bits)).toBe(41);
    expect(countBits(markSeconds(bits, 0, 41))).toBe(42);
  });
});

describe("CSV cells", () => {
  it("neutralizes what a spreadsheet would run and quotes separators", () => {
    expect(["=1+1", "+39 06", "-5", "@SUM(A1)", "\tx", "Roma"].map(neutralizeCell)).toEqual(["'=1+1", "'+39 06", "'-5", "'@SUM(A1)", "'\tx", "Roma"]);
    expect(toCsv([["a;b", 'c"d', "e"]])).toBe('\uFEFF"a;b";"c""d";e\r\n');
  });
});
