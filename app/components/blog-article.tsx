// A post as readers see it (the public page and the editors' preview).
import { useTranslation } from "react-i18next";
import { PostList, PostMeta, TagList, type PostCard } from "./blog.tsx";

export type ArticleData = {
  post: PostCard & { html: string };
  cover: { src: string; srcSet: string; width: number; height: number; alt: string } | null;
  related: PostCard[];
};

export function BlogArticle({ post, cover, related }: ArticleData) {
  const { t } = useTranslation("blog");
  return (
    <div className="container page-section">
      <article className="col-lg-8">
        <h1>{post.title}</h1>
        <PostMeta post={post} />
        {post.excerpt ? <p className="lead">{post.excerpt}</p> : null}
        {cover ? (
          <img
            className="img-fluid mb-4"
            src={cover.src}
            srcSet={cover.srcSet}
            sizes="(min-width: 992px) 66vw, 100vw"
            width={cover.width}
            height={cover.height}
            alt={cover.alt}
          />
        ) : null}
        <div className="user-content" dangerouslySetInnerHTML={{ __html: post.html }} />
        <TagList tags={post.tags} />
      </article>
      {related.length ? (
        <section aria-labelledby="related-heading" className="mt-5">
          <h2 id="related-heading" className="h3">
            {t("post.related")}
          </h2>
          <PostList posts={related} headingLevel={3} />
        </section>
      ) : null}
    </div>
  );
}
