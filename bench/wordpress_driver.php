<?php
/**
 * The newsroom's side of the busy-day benchmark (bench/busy.py) on the WordPress anchor
 * (../shared/anchors/wordpress): it works through WordPress's own PHP, as seed.php does, so
 * whatever a real approval or publication would purge or keep, it purges or keeps.
 *
 *   php bench/wordpress_driver.php        (as root: the anchor's config is root:www-data 640)
 *
 * One command a line on stdin, one JSON object a line on stdout:
 *   posts                  {"home": "/", "posts": [{"id": 1, "path": "/slug/"}, ...]}
 *                          published posts, newest first (the readers' list)
 *   comment <post> <token> {"comment": <id>}: a pending comment containing <token> is
 *                          written, then approved with wp_set_comment_status()
 *   publish <token>        {"post": <id>, "path": "/slug/"}: a post whose title contains <token>
 *   cleanup                {"posts": n, "comments": n}: what earlier runs of this driver added
 *   quit
 * An error is {"error": "..."} on its own line; the driver goes on with the next command.
 */

if (PHP_SAPI !== 'cli') { exit(1); }

$host = getenv('WP_BENCH_HOST') ?: '127.0.0.1:8081';
// The Debian wp-config.php picks /etc/wordpress/config-<host>.php from HTTP_HOST.
$_SERVER['HTTP_HOST']   = $host;
$_SERVER['SERVER_NAME'] = preg_replace('/:.*/', '', $host);
$_SERVER['SERVER_PORT'] = preg_match('/:(\d+)$/', $host, $m) ? $m[1] : '80';
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['REQUEST_METHOD'] = 'GET';

require '/usr/share/wordpress/wp-load.php';

const DRIVER_EMAIL = 'busy-driver@example.invalid';
const DRIVER_META = '_dima_busy_driver';

function say(array $data) {
    fwrite(STDOUT, json_encode($data, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE) . "\n");
    fflush(STDOUT);
}

function path_of($url) {
    $path = parse_url($url, PHP_URL_PATH);
    return $path === null || $path === false ? '/' : $path;
}

$admin = get_user_by('login', 'admin');
if ($admin) {
    wp_set_current_user($admin->ID);
}

while (($line = fgets(STDIN)) !== false) {
    $words = preg_split('/\s+/', trim($line));
    $command = $words[0] ?? '';
    try {
        if ($command === 'quit') {
            break;
        } elseif ($command === 'posts') {
            $posts = array();
            $ids = get_posts(array(
                'post_type' => 'post', 'post_status' => 'publish', 'numberposts' => -1,
                'orderby' => 'date', 'order' => 'DESC', 'fields' => 'ids',
                'suppress_filters' => true,
            ));
            foreach ($ids as $id) {
                $posts[] = array('id' => (int) $id, 'path' => path_of(get_permalink($id)));
            }
            say(array('home' => path_of(home_url('/')), 'posts' => $posts));
        } elseif ($command === 'comment' && count($words) === 3) {
            $post_id = (int) $words[1];
            $token = $words[2];
            $cid = wp_insert_comment(array(
                'comment_post_ID'      => $post_id,
                'comment_author'       => 'قارئ في يوم مزدحم',
                'comment_author_email' => DRIVER_EMAIL,
                'comment_author_url'   => '',
                'comment_content'      => "تعليق في يوم مزدحم $token",
                'comment_parent'       => 0,
                'comment_approved'     => 0,
                'comment_type'         => 'comment',
                'comment_author_IP'    => '127.0.0.1',
                'comment_agent'        => 'dima-busy-bench',
            ));
            if (!$cid) { throw new Exception("wp_insert_comment failed for post $post_id"); }
            $done = wp_set_comment_status($cid, 'approve', true);
            if ($done !== true) { throw new Exception("wp_set_comment_status failed for $cid"); }
            say(array('comment' => (int) $cid));
        } elseif ($command === 'publish' && count($words) === 2) {
            $token = $words[1];
            $id = wp_insert_post(array(
                'post_title'     => "خبر عاجل في يوم مزدحم $token",
                'post_content'   => "<!-- wp:paragraph -->\n<p>خبر نشر أثناء القياس $token</p>\n<!-- /wp:paragraph -->",
                'post_status'    => 'publish',
                'post_author'    => $admin ? $admin->ID : 1,
                'comment_status' => 'open',
                'meta_input'     => array(DRIVER_META => 1),
            ), true);
            if (is_wp_error($id)) { throw new Exception($id->get_error_message()); }
            say(array('post' => (int) $id, 'path' => path_of(get_permalink($id))));
        } elseif ($command === 'cleanup') {
            $comments = 0;
            foreach (get_comments(array('author_email' => DRIVER_EMAIL, 'status' => 'all', 'fields' => 'ids')) as $cid) {
                $comments += wp_delete_comment($cid, true) ? 1 : 0;
            }
            $posts = 0;
            foreach (get_posts(array('post_type' => 'post', 'post_status' => 'any', 'numberposts' => -1,
                                     'meta_key' => DRIVER_META, 'fields' => 'ids')) as $pid) {
                $posts += wp_delete_post($pid, true) ? 1 : 0;
            }
            say(array('posts' => $posts, 'comments' => $comments));
        } else {
            say(array('error' => "unknown command: " . trim($line)));
        }
    } catch (Throwable $e) {
        say(array('error' => $e->getMessage()));
    }
}
