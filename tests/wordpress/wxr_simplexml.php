<?php
// Reads a WXR file the way the WordPress importer's WXR_Parser_SimpleXML does (DOMDocument,
// then simplexml_import_dom, then the same xpath and children() calls) and prints what it
// found as JSON, for tests/wordpress/test_writer.py to compare with what was written.
$dom = new DOMDocument();
if (!$dom->loadXML(file_get_contents($argv[1])) || isset($dom->doctype)) {
    fwrite(STDERR, "SimpleXML_parse_error\n");
    exit(1);
}
$xml = simplexml_import_dom($dom);
$version = $xml->xpath('/rss/channel/wp:wxr_version');
if (!$version || !preg_match('/^\d+\.\d+$/', trim((string) $version[0]))) {
    fwrite(STDERR, "WXR_parse_error: no version\n");
    exit(1);
}
$namespaces = $xml->getDocNamespaces();
$out = array('version' => trim((string) $version[0]), 'authors' => array(), 'categories' => array(),
             'tags' => array(), 'terms' => array(), 'posts' => array());
foreach ($xml->xpath('/rss/channel/wp:author') as $author) {
    $a = $author->children($namespaces['wp']);
    $out['authors'][] = array('login' => (string) $a->author_login, 'display_name' => (string) $a->author_display_name);
}
foreach ($xml->xpath('/rss/channel/wp:category') as $term) {
    $t = $term->children($namespaces['wp']);
    $out['categories'][] = array('slug' => (string) $t->category_nicename, 'name' => (string) $t->cat_name,
                                 'parent' => (string) $t->category_parent, 'description' => (string) $t->category_description);
}
foreach ($xml->xpath('/rss/channel/wp:tag') as $term) {
    $t = $term->children($namespaces['wp']);
    $out['tags'][] = array('slug' => (string) $t->tag_slug, 'name' => (string) $t->tag_name);
}
foreach ($xml->xpath('/rss/channel/wp:term') as $term) {
    $t = $term->children($namespaces['wp']);
    $out['terms'][] = array('taxonomy' => (string) $t->term_taxonomy, 'slug' => (string) $t->term_slug,
                            'name' => (string) $t->term_name);
}
foreach ($xml->channel->item as $item) {
    $dc = $item->children('http://purl.org/dc/elements/1.1/');
    $content = $item->children('http://purl.org/rss/1.0/modules/content/');
    $excerpt = $item->children($namespaces['excerpt']);
    $wp = $item->children($namespaces['wp']);
    $post = array('title' => (string) $item->title, 'guid' => (string) $item->guid, 'link' => (string) $item->link,
                  'creator' => (string) $dc->creator, 'content' => (string) $content->encoded,
                  'excerpt' => (string) $excerpt->encoded, 'id' => (int) $wp->post_id,
                  'date' => (string) $wp->post_date, 'date_gmt' => (string) $wp->post_date_gmt,
                  'name' => (string) $wp->post_name, 'status' => (string) $wp->status,
                  'type' => (string) $wp->post_type, 'attachment_url' => (string) $wp->attachment_url,
                  'terms' => array(), 'meta' => array(), 'comments' => array());
    foreach ($item->category as $c) {
        $att = $c->attributes();
        $post['terms'][] = array('domain' => (string) $att['domain'], 'slug' => (string) $att['nicename'], 'name' => (string) $c);
    }
    foreach ($wp->postmeta as $meta) {
        $post['meta'][] = array((string) $meta->meta_key, (string) $meta->meta_value);
    }
    foreach ($wp->comment as $comment) {
        $post['comments'][] = array('id' => (int) $comment->comment_id, 'author' => (string) $comment->comment_author,
                                    'url' => (string) $comment->comment_author_url,
                                    'content' => (string) $comment->comment_content,
                                    'approved' => (string) $comment->comment_approved,
                                    'parent' => (int) $comment->comment_parent);
    }
    $out['posts'][] = $post;
}
echo json_encode($out, JSON_UNESCAPED_UNICODE | JSON_INVALID_UTF8_SUBSTITUTE);
