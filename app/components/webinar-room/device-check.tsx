// The device and network check, in the browser: camera preview, microphone level, a test tone for
// the speakers, and a download/upload estimate against this server. Each test starts from its own
// button (browsers ask for camera and microphone permission only on a user action) and reports in a
// status region, so a screen reader hears the result.
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

type Result = { kind: "ok" | "error" | "running"; text: string } | null;

function mediaError(error: unknown, t: (key: string, values?: Record<string, string>) => string) {
  const name = error instanceof DOMException ? error.name : "";
  if (name === "NotAllowedError" || name === "SecurityError") return t("check.denied");
  if (name === "NotFoundError" || name === "OverconstrainedError") return t("check.missing");
  return t("check.failed", { message: error instanceof Error ? error.message : String(error) });
}

function Status({ result }: { result: Result }) {
  return (
    <p role="status" className={result?.kind === "error" ? "text-danger" : undefined}>
      {result?.text ?? ""}
    </p>
  );
}

function useStopOnUnmount() {
  const streams = useRef<MediaStream[]>([]);
  useEffect(() => () => streams.current.forEach((stream) => stream.getTracks().forEach((track) => track.stop())), []);
  return streams;
}

export function DeviceCheck({ probePath }: { probePath: string }) {
  const { t } = useTranslation("webinarRoom");
  const [supported, setSupported] = useState(true);
  useEffect(() => setSupported(Boolean(navigator.mediaDevices?.getUserMedia)), []);
  return (
    <>
      {supported ? null : <p className="alert alert-warning">{t("check.unsupported")}</p>}
      <div className="row g-4">
        <CameraTest />
        <MicrophoneTest />
        <SpeakerTest />
        <NetworkTest probePath={probePath} />
      </div>
    </>
  );
}

function CameraTest() {
  const { t } = useTranslation("webinarRoom");
  const [result, setResult] = useState<Result>(null);
  const video = useRef<HTMLVideoElement>(null);
  const streams = useStopOnUnmount();
  const run = async () => {
    setResult({ kind: "running", text: t("check.running") });
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ video: true });
      streams.current.push(stream);
      if (video.current) video.current.srcObject = stream;
      setResult({ kind: "ok", text: t("check.cameraOk", { label: stream.getVideoTracks()[0]?.label || "—" }) });
    } catch (error) {
      setResult({ kind: "error", text: mediaError(error, t) });
    }
  };
  return (
    <section className="col-md-6" aria-labelledby="check-camera">
      <h2 id="check-camera" className="h5">
        {t("check.camera")}
      </h2>
      <button type="button" className="btn btn-outline-primary mb-2" onClick={run}>
        {t("check.cameraTest")}
      </button>
      <Status result={result} />
      <video ref={video} autoPlay muted playsInline aria-label={t("check.cameraPreview")} className="w-100 bg-dark" style={{ maxHeight: 240, display: result?.kind === "ok" ? "block" : "none" }} />
    </section>
  );
}

function MicrophoneTest() {
  const { t } = useTranslation("webinarRoom");
  const [result, setResult] = useState<Result>(null);
  const [level, setLevel] = useState(0);
  const streams = useStopOnUnmount();
  const frame = useRef<number>(0);
  useEffect(() => () => cancelAnimationFrame(frame.current), []);
  const run = async () => {
    setResult({ kind: "running", text: t("check.running") });
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
      streams.current.push(stream);
      const context = new AudioContext();
      const analyser = context.createAnalyser();
      analyser.fftSize = 512;
      context.createMediaStreamSource(stream).connect(analyser);
      const samples = new Uint8Array(analyser.fftSize);
      const tick = () => {
        analyser.getByteTimeDomainData(samples);
        let peak = 0;
        for (const sample of samples) peak = Math.max(peak, Math.abs(sample - 128));
        setLevel(Math.min(100, Math.round((peak / 128) * 100)));
        frame.current = requestAnimationFrame(tick);
      };
      tick();
      setResult({ kind: "ok", text: t("check.microphoneOk", { label: stream.getAudioTracks()[0]?.label || "—" }) });
    } catch (error) {
      setResult({ kind: "error", text: mediaError(error, t) });
    }
  };
  return (
    <section className="col-md-6" aria-labelledby="check-microphone">
      <h2 id="check-microphone" className="h5">
        {t("check.microphone")}
      </h2>
      <button type="button" className="btn btn-outline-primary mb-2" onClick={run}>
        {t("check.microphoneTest")}
      </button>
      <Status result={result} />
      {result?.kind === "ok" ? (
        <div className="progress" role="meter" aria-label={t("check.microphoneLevel")} aria-valuemin={0} aria-valuemax={100} aria-valuenow={level}>
          <div className="progress-bar" style={{ width: `${level}%` }} />
        </div>
      ) : null}
    </section>
  );
}

function SpeakerTest() {
  const { t } = useTranslation("webinarRoom");
  const play = () => {
    const context = new AudioContext();
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.frequency.value = 440;
    gain.gain.value = 0.2;
    oscillator.connect(gain).connect(context.destination);
    oscillator.start();
    oscillator.stop(context.currentTime + 1);
    oscillator.onended = () => void context.close();
  };
  return (
    <section className="col-md-6" aria-labelledby="check-speaker">
      <h2 id="check-speaker" className="h5">
        {t("check.speaker")}
      </h2>
      <button type="button" className="btn btn-outline-primary mb-2" onClick={play}>
        {t("check.speakerTest")}
      </button>
      <p>{t("check.speakerHint")}</p>
    </section>
  );
}

const SAMPLE_BYTES = 1024 * 1024;
const mbits = (bytes: number, ms: number) => (bytes * 8) / 1000 / Math.max(ms, 1);

function NetworkTest({ probePath }: { probePath: string }) {
  const { t, i18n } = useTranslation("webinarRoom");
  const [result, setResult] = useState<Result>(null);
  const [verdict, setVerdict] = useState("");
  const run = async () => {
    setResult({ kind: "running", text: t("check.running") });
    setVerdict("");
    try {
      let started = performance.now();
      const download = await fetch(`${probePath}?bytes=${SAMPLE_BYTES}&t=${Date.now()}`, { cache: "no-store" });
      if (!download.ok) throw new Error(String(download.status));
      const received = (await download.arrayBuffer()).byteLength;
      const down = mbits(received, performance.now() - started);
      const payload = new Uint8Array(SAMPLE_BYTES / 2);
      crypto.getRandomValues(payload.subarray(0, 65536));
      started = performance.now();
      const upload = await fetch(probePath, { method: "POST", body: payload, headers: { "Content-Type": "application/octet-stream" } });
      if (!upload.ok) throw new Error(String(upload.status));
      const { bytes } = (await upload.json()) as { bytes: number };
      const up = mbits(bytes, performance.now() - started);
      const format = (value: number) => value.toLocaleString(i18n.language, { maximumFractionDigits: 1 });
      setResult({ kind: "ok", text: t("check.networkResult", { down: format(down), up: format(up) }) });
      // A 720p speaker stream needs about 1.5 Mbit/s down; publishing needs about 1 Mbit/s up.
      setVerdict(down >= 1.5 ? t("check.networkGood") : t("check.networkPoor"));
    } catch (error) {
      setResult({ kind: "error", text: t("check.failed", { message: error instanceof Error ? error.message : String(error) }) });
    }
  };
  return (
    <section className="col-md-6" aria-labelledby="check-network">
      <h2 id="check-network" className="h5">
        {t("check.network")}
      </h2>
      <button type="button" className="btn btn-outline-primary mb-2" onClick={run}>
        {t("check.networkTest")}
      </button>
      <Status result={result} />
      {verdict ? <p>{verdict}</p> : null}
    </section>
  );
}
