// S3-compatible object storage (AWS S3, MinIO, Ceph, Scaleway, …) through the AWS SDK v3.
// Uploads of unknown length go through @aws-sdk/lib-storage: one PutObject for small bodies,
// a multipart upload in 5 MB parts otherwise, so memory stays bounded; a failed stream aborts
// the multipart upload, and a small body that fails is never sent at all.
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  S3Client,
  type S3ClientConfig,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { Readable } from "node:stream";
import { assertValidStorageKey } from "./keys.ts";
import type { ByteRange, GetResult, ObjectInfo, PutOptions, SignedUrlOptions, Storage } from "./types.ts";

export type S3StorageConfig = {
  bucket: string;
  region: string;
  endpoint?: string;
  forcePathStyle?: boolean;
  accessKeyId?: string;
  secretAccessKey?: string;
};

const DEFAULT_SIGNED_URL_SECONDS = 300;

function isNotFound(error: unknown) {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === "NotFound" || e?.name === "NoSuchKey" || e?.$metadata?.httpStatusCode === 404;
}

export class S3Storage implements Storage {
  readonly backend = "s3" as const;
  readonly client: S3Client;
  private readonly bucket: string;

  constructor(config: S3StorageConfig) {
    const clientConfig: S3ClientConfig = {
      region: config.region,
      endpoint: config.endpoint,
      forcePathStyle: config.forcePathStyle,
      // Without explicit keys the SDK's default chain applies (instance role, AWS_* variables).
      credentials: config.accessKeyId && config.secretAccessKey ? { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey } : undefined,
    };
    this.client = new S3Client(clientConfig);
    this.bucket = config.bucket;
  }

  async put(key: string, body: Readable, options: PutOptions): Promise<ObjectInfo> {
    assertValidStorageKey(key);
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: key, Body: body, ContentType: options.contentType },
      queueSize: 2,
      leavePartsOnError: false,
    });
    // lib-storage stops reading but does not always notice a source that errors mid-way;
    // abort explicitly so the returned promise settles with the stream's error.
    const failed = new Promise<never>((_, reject) => body.once("error", reject));
    try {
      await Promise.race([upload.done(), failed]);
    } catch (error) {
      await upload.abort().catch(() => undefined);
      // A single-part body may have landed just before the failure surfaced.
      await this.delete(key).catch(() => undefined);
      throw error;
    }
    return (await this.head(key))!;
  }

  async head(key: string): Promise<ObjectInfo | null> {
    assertValidStorageKey(key);
    try {
      const out = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return { key, size: out.ContentLength ?? 0, contentType: out.ContentType ?? "application/octet-stream", lastModified: out.LastModified };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async get(key: string, range?: ByteRange): Promise<GetResult | null> {
    assertValidStorageKey(key);
    try {
      const out = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: key, Range: range ? `bytes=${range.start}-${range.end}` : undefined }),
      );
      // Content-Range "bytes a-b/total" carries the whole size when a range was asked for.
      const total = out.ContentRange ? Number(out.ContentRange.split("/")[1]) : (out.ContentLength ?? 0);
      return {
        key,
        size: total,
        contentType: out.ContentType ?? "application/octet-stream",
        lastModified: out.LastModified,
        body: out.Body as Readable,
        range,
      };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    assertValidStorageKey(key);
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  async signedUrl(key: string, options: SignedUrlOptions = {}): Promise<string> {
    assertValidStorageKey(key);
    const command = new GetObjectCommand({
      Bucket: this.bucket,
      Key: key,
      ResponseContentDisposition: options.contentDisposition,
      ResponseContentType: options.contentType,
    });
    return getSignedUrl(this.client, command, { expiresIn: options.expiresIn ?? DEFAULT_SIGNED_URL_SECONDS });
  }
}
