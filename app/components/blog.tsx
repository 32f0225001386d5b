// Pieces of the public blog pages: a list of post cards and the small post metadata line.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate } from "~/lib/dates.ts";

export type PostCard = {
  id: string;
  slug: string;
  title: string;
  excerpt: string;
  publishedAt: string | null;
  readingMinutes: number;
  author: { id: string; name: string } | null;
  tags: { slug: string; name: string }[];
};

export function PostMeta({ post }: { post: PostCard }) {
  const { t, i18n } = useTranslation("blog");
  return (
    <p className="small text-secondary mb-2">
      {post.publishedAt ? <time dateTime={post.publishedAt}>{formatDate(post.publishedAt, i18n.language)}</time> : t("manage.status.DRAFT")}
      {post.author ? (
        <>
          {" · "}
          <Link to={`/blog/author/${post.author.id}`}>{post.author.name}</Link>
        </>
      ) : null}
      {" · "}
      {t("post.readingTime", { count: post.readingMinutes })}
    </p>
  );
}

export function TagList({ tags }: { tags: PostCard["tags"] }) {
  const { t } = useTranslation("blog");
  if (!tags.length) return null;
  return (
    <ul className="list-inline mb-0" aria-label={t("post.tags")}>
      {tags.map((tag) => (
        <li className="list-inline-item" key={tag.slug}>
          <Link className="chip chip-simple" to={`/blog/tag/${tag.slug}`}>
            <span className="chip-label">{tag.name}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}

export function PostList({ posts, headingLevel = 2 }: { posts: PostCard[]; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <ul className="list-unstyled">
      {posts.map((post) => (
        <li key={post.id} className="mb-4">
          <article>
            <Heading className="h4 mb-1">
              <Link to={`/blog/${post.slug}`}>{post.title}</Link>
            </Heading>
            <PostMeta post={post} />
            {post.excerpt ? <p className="mb-2">{post.excerpt}</p> : null}
            <TagList tags={post.tags} />
          </article>
        </li>
      ))}
    </ul>
  );
}

export function BlogSearchForm({ query }: { query?: string }) {
  const { t } = useTranslation("blog");
  return (
    <div role="search">
      <form method="get" action="/blog" className="d-flex align-items-end gap-2 mb-4">
        <div className="form-group mb-0 flex-grow-1">
          <label htmlFor="blog-search" className="active">
            {t("search.label")}
          </label>
          <input id="blog-search" name="q" type="search" className="form-control" defaultValue={query} maxLength={200} />
        </div>
        <button type="submit" className="btn btn-outline-primary">
          {t("search.submit")}
        </button>
      </form>
    </div>
  );
}
