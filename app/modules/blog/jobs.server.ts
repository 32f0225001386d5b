// The blog's background work: scheduled posts are published by a job queued for their time
// (posts.server.ts schedulePost); a sweep every five minutes catches any whose job was lost.
import { defineJob, defineSchedule } from "~/lib/jobs/define.server.ts";
import { BLOG_PUBLISH_JOB, publishDuePosts } from "./posts.server.ts";

defineJob(BLOG_PUBLISH_JOB, async (_payload, { now }) => {
  await publishDuePosts(now);
});

defineSchedule({ name: "blog.publish-sweep", type: BLOG_PUBLISH_JOB, every: { minutes: 5 } });
