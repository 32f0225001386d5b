// The live room in the browser (rendered only once a token has arrived, so never on the server):
// a stage with the speakers' cameras (a shared screen large, cameras beside it), the audience count,
// the person's own controls (microphone, camera, screen for those who may publish; a hand for
// attendees) and, for hosts, the participants with their actions. Native buttons and lists with
// labels, so everything works from the keyboard and reads well with a screen reader.
import {
  DisconnectButton,
  FocusLayout,
  GridLayout,
  LiveKitRoom,
  ParticipantTile,
  RoomAudioRenderer,
  StartAudio,
  TrackToggle,
  useIsRecording,
  useLocalParticipant,
  useParticipants,
  useTracks,
  type TrackReferenceOrPlaceholder,
} from "@livekit/components-react";
import { useFetcher, useRevalidator } from "@remix-run/react";
import { Track, type Participant } from "livekit-client";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { HAND_ATTRIBUTE, ROLE_ATTRIBUTE, STAGE_ROLES } from "~/modules/webinars/livekit/attributes.ts";

export type RoomMe = { id: string; name: string; role: string; publishes: boolean; administers: boolean };

type Props = { url: string; token: string; me: RoomMe; actionPath: string; onLeave: (failed: boolean) => void };

export function RoomStage({ url, token, me, actionPath, onLeave }: Props) {
  const { t } = useTranslation("webinarRoom");
  return (
    <LiveKitRoom serverUrl={url} token={token} connect audio={false} video={false} onDisconnected={() => onLeave(false)} onError={() => onLeave(true)} data-lk-theme="default" className="webinar-room">
      <RoomAudioRenderer />
      <RecordingWatch />
      <StartAudio label={t("startAudio")} className="btn btn-primary mb-3" />
      <div className="row g-4">
        <div className="col-lg-8">
          <Stage />
          <OwnControls me={me} actionPath={actionPath} />
        </div>
        <div className="col-lg-4">
          <Audience me={me} actionPath={actionPath} />
        </div>
      </div>
    </LiveKitRoom>
  );
}

/**
 * LiveKit tells every participant when the room's recording starts or stops: the page then reloads
 * its recording state, so the indicator (and the hosts' button) follow without a refresh.
 */
function RecordingWatch() {
  const recording = useIsRecording();
  const { revalidate } = useRevalidator();
  useEffect(() => {
    revalidate();
    // Only a change of the room's recording state matters.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [recording]);
  return null;
}

const onStage = (participant: Participant) => STAGE_ROLES.has(participant.attributes[ROLE_ATTRIBUTE] ?? "") || participant.permissions?.canPublish === true;

function Stage() {
  const { t } = useTranslation("webinarRoom");
  const tracks = useTracks(
    [
      { source: Track.Source.Camera, withPlaceholder: true },
      { source: Track.Source.ScreenShare, withPlaceholder: false },
    ],
    { onlySubscribed: false },
  ).filter((track) => onStage(track.participant));
  const screen = tracks.find((track) => track.source === Track.Source.ScreenShare && track.publication);
  const cameras = tracks.filter((track) => track.source === Track.Source.Camera);
  return (
    <section aria-labelledby="stage-title" className="mb-4">
      <h2 id="stage-title" className="h4">
        {t("stage.title")}
      </h2>
      {screen ? (
        <div className="webinar-stage webinar-stage--focus">
          <figure className="webinar-stage__screen" aria-label={t("stage.screen", { name: screen.participant.name || screen.participant.identity })}>
            <FocusLayout trackRef={screen} />
          </figure>
          <StageGrid tracks={cameras} />
        </div>
      ) : cameras.length ? (
        <StageGrid tracks={cameras} />
      ) : (
        <p>{t("stage.empty")}</p>
      )}
    </section>
  );
}

function StageGrid({ tracks }: { tracks: TrackReferenceOrPlaceholder[] }) {
  if (!tracks.length) return null;
  return (
    <div className="webinar-stage__grid">
      <GridLayout tracks={tracks}>
        <ParticipantTile />
      </GridLayout>
    </div>
  );
}

function OwnControls({ me, actionPath }: { me: RoomMe; actionPath: string }) {
  const { t } = useTranslation("webinarRoom");
  const { localParticipant } = useLocalParticipant();
  const fetcher = useFetcher<{ ok: boolean; reason?: string }>();
  const mayPublish = localParticipant.permissions?.canPublish ?? me.publishes;
  const hand = localParticipant.attributes[HAND_ATTRIBUTE];
  const [wasPromoted, setWasPromoted] = useState(false);
  useEffect(() => {
    if (mayPublish && !me.publishes) setWasPromoted(true);
  }, [mayPublish, me.publishes]);
  return (
    <section aria-labelledby="controls-title" className="mb-4">
      <h2 id="controls-title" className="h5">
        {t("controls.title")}
      </h2>
      <div className="d-flex flex-wrap gap-2 align-items-center">
        {mayPublish ? (
          <>
            <TrackToggle source={Track.Source.Microphone} className="btn btn-outline-primary">
              {t("controls.microphone")}
            </TrackToggle>
            <TrackToggle source={Track.Source.Camera} className="btn btn-outline-primary">
              {t("controls.camera")}
            </TrackToggle>
            <TrackToggle source={Track.Source.ScreenShare} className="btn btn-outline-primary">
              {t("controls.screen")}
            </TrackToggle>
          </>
        ) : (
          <fetcher.Form method="post" action={actionPath}>
            <input type="hidden" name="intent" value="hand" />
            <input type="hidden" name="raised" value={hand ? "0" : "1"} />
            <button type="submit" className="btn btn-outline-primary" aria-pressed={hand ? "true" : "false"} disabled={fetcher.state !== "idle"}>
              {hand ? t("hand.lower") : t("hand.raise")}
            </button>
          </fetcher.Form>
        )}
        <DisconnectButton className="btn btn-secondary">{t("leave")}</DisconnectButton>
      </div>
      <p className="mt-2" role="status">
        {hand && !mayPublish ? t("hand.raised") : wasPromoted && mayPublish ? t("hand.promoted") : ""}
      </p>
      {fetcher.data && !fetcher.data.ok && fetcher.data.reason ? (
        <p className="text-danger" role="alert">
          {t(fetcher.data.reason)}
        </p>
      ) : null}
    </section>
  );
}

function Audience({ me, actionPath }: { me: RoomMe; actionPath: string }) {
  const { t } = useTranslation("webinarRoom");
  const participants = useParticipants();
  const handOf = (participant: Participant) => Number(participant.attributes[HAND_ATTRIBUTE] || 0);
  // Raised hands first (oldest first), then the stage, then everyone else by name.
  const sorted = [...participants].sort((a, b) => {
    const [ha, hb] = [handOf(a), handOf(b)];
    if (ha && hb) return ha - hb;
    if (ha || hb) return ha ? -1 : 1;
    if (onStage(a) !== onStage(b)) return onStage(a) ? -1 : 1;
    return (a.name || a.identity).localeCompare(b.name || b.identity);
  });
  return (
    <section aria-labelledby="audience-title">
      <h2 id="audience-title" className="h5">
        {t("host.title")}
      </h2>
      <p aria-live="polite">{t("count", { count: participants.length })}</p>
      {me.administers ? (
        <ul className="list-unstyled webinar-participants">
          {sorted.map((participant) => (
            <ParticipantRow key={participant.identity} participant={participant} self={participant.identity === me.id} actionPath={actionPath} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function ParticipantRow({ participant, self, actionPath }: { participant: Participant; self: boolean; actionPath: string }) {
  const { t } = useTranslation("webinarRoom");
  const fetcher = useFetcher<{ ok: boolean; reason?: string }>();
  const name = participant.name || participant.identity;
  const stageRole = participant.attributes[ROLE_ATTRIBUTE] ?? "attendee";
  const hand = participant.attributes[HAND_ATTRIBUTE];
  const microphone = participant.getTrackPublication(Track.Source.Microphone);
  const action = (intent: string, label: string, extra: Record<string, string> = {}) => (
    <fetcher.Form method="post" action={actionPath} className="d-inline">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="identity" value={participant.identity} />
      {Object.entries(extra).map(([key, value]) => (
        <input key={key} type="hidden" name={key} value={value} />
      ))}
      <button type="submit" className="btn btn-sm btn-outline-primary me-1 mb-1" disabled={fetcher.state !== "idle"}>
        {label}
      </button>
    </fetcher.Form>
  );
  return (
    <li className="border-bottom py-2">
      <strong>{name}</strong> ({t(`roles.${stageRole}`, { defaultValue: stageRole })}
      {self ? `, ${t("host.you")}` : ""}
      {hand ? `, ${t("host.handUp")}` : ""})
      {self ? null : (
        <div className="mt-1">
          {onStage(participant) ? action("demote", t("host.demote", { name })) : action("promote", t("host.promote", { name }))}
          {microphone && !microphone.isMuted ? action("mute", t("host.mute", { name }), { trackSid: microphone.trackSid }) : null}
          {action("remove", t("host.remove", { name }))}
        </div>
      )}
      {fetcher.data && !fetcher.data.ok && fetcher.data.reason ? (
        <p className="text-danger mb-0" role="alert">
          {t(fetcher.data.reason)}
        </p>
      ) : null}
    </li>
  );
}
