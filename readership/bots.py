"""Who is not a reader: robots, crawlers, link previews and headless browsers."""

import re

# Matched anywhere in the User-Agent, ignoring case. Browsers of people say none of these.
ROBOT_WORDS = re.compile(
    r"bot|crawl|spider|slurp|facebookexternalhit|headless|lighthouse|pingdom|preview"
    r"|python|curl|wget|httpclient|okhttp|go-http|java/|scrapy|phantomjs|puppeteer|playwright",
    re.IGNORECASE,
)


def is_robot(user_agent: str) -> bool:
    """Whether a request with this User-Agent should not count as a reader's: a known robot,
    or no User-Agent at all (every browser sends one)."""
    return not user_agent.strip() or ROBOT_WORDS.search(user_agent) is not None
