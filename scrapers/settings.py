"""Scrapy settings for licensure-tracker.

Values an operator may tune (user agent, delays, timeouts, size cap) come
from `tracker.config` (TOML file or LICENSURE_* environment); this module
only maps them onto Scrapy's names. Per-state overrides belong in a
hand-written spider for that state (see scrapers/spiders/__init__.py), in its
`custom_settings`, with a dated comment saying why.
"""

from tracker.config import load_settings

_cfg = load_settings(check_alert_urls=False)

BOT_NAME = "licensure-tracker"
SPIDER_MODULES = ["scrapers.spiders"]
NEWSPIDER_MODULE = "scrapers.spiders"

# Politeness: obey robots.txt, identify ourselves, go slowly, back off when sites slow down.
ROBOTSTXT_OBEY = True
USER_AGENT = _cfg.user_agent
DOWNLOAD_DELAY = _cfg.download_delay
DOWNLOAD_DELAY_JITTER = 0.5  # +-50% around DOWNLOAD_DELAY
CONCURRENT_REQUESTS = 8
CONCURRENT_REQUESTS_PER_DOMAIN = _cfg.concurrent_requests_per_domain
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = max(_cfg.download_delay, 0.1)
AUTOTHROTTLE_MAX_DELAY = 60.0
AUTOTHROTTLE_TARGET_CONCURRENCY = _cfg.autothrottle_target_concurrency
DOWNLOAD_TIMEOUT = _cfg.download_timeout
DOWNLOAD_MAXSIZE = _cfg.download_maxsize
DOWNLOAD_WARNSIZE = max(_cfg.download_maxsize // 4, 1)
RETRY_ENABLED = True
RETRY_TIMES = _cfg.retry_times  # retries after the first attempt, per request
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
RETRY_BACKOFF = _cfg.retry_backoff  # seconds before the first retry, doubling (scrapers.retry)
RETRY_BACKOFF_MAX = 60.0
REDIRECT_MAX_TIMES = 5
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
# Scrapy >= 2.19 starts an HTTP server per crawler that runs Python code sent to it (one per state: 51);
# a monitor needs none of them, and each costs a port, a job file and 2 s at close.
REMOTE_CONTROL_ENABLED = False
# Scrapy runs each callback's output through CONCURRENT_ITEMS asyncio tasks (default 100) for every response;
# a page yields one item and a few links, and the store is synchronous: 100 tasks per page were most of
# the crawl's CPU time (benchmarks/RESULTS.md)
CONCURRENT_ITEMS = 4
# Responses waiting for the item pipeline (the store is synchronous) are held per spider up to this many
# bytes before the downloader backs off; Scrapy's default of 5 MB, times 16 spiders open at once, let the
# crawl process hold up to 80 MB of page bodies when storing fell behind (benchmarks/RESULTS.md, memory)
SCRAPER_SLOT_MAX_ACTIVE_SIZE = 1_000_000
# Scrapy re-parses a generator callback's source for every response to warn about `return value` in it
# (its cache misses on bound methods): ~2 ms per page. StateSpider's callbacks return nothing.
WARN_ON_GENERATOR_RETURN_VALUE = False

# Conditional requests: every page is revalidated (If-None-Match / If-Modified-Since);
# an unchanged page costs a 304 and the cached body is reused.
HTTPCACHE_ENABLED = True
HTTPCACHE_POLICY = "scrapers.middlewares.RevalidateEveryTimePolicy"
HTTPCACHE_STORAGE = "scrapers.middlewares.AtomicFilesystemCacheStorage"  # whole entries only (crash-safe)
HTTPCACHE_DIR = str(_cfg.httpcache_dir.resolve())
HTTPCACHE_IGNORE_HTTP_CODES = list(range(300, 600))
DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.httpcache.HttpCacheMiddleware": None,
    "scrapers.middlewares.HonestHttpCacheMiddleware": 900,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "scrapers.retry.BackoffRetryMiddleware": 550,
}
ITEM_PIPELINES = {"scrapers.pipelines.StorePipeline": 300}
# Plain HTTP(S) unless LICENSURE_SNAPSHOT_URL is set; then requests go to that loopback snapshot server.
DOWNLOAD_HANDLERS = {
    "http": "scrapers.handlers.SnapshotDownloadHandler",
    "https": "scrapers.handlers.SnapshotDownloadHandler",
}

# Set per run by scrapers.crawl (or `-s` on the scrapy command line):
LICENSURE_RUN_ID = None  # the run that fetched pages belong to
LICENSURE_DATABASE_URL = _cfg.database_url
LICENSURE_SNAPSHOT_URL = None  # base URL of a loopback snapshot server, or None for the live web
LICENSURE_OBSERVED_AT = None  # ISO date-time to date every page with (a replayed snapshot's captured date), or None
LICENSURE_PROGRESS = False  # print one JSON line per page on stdout
# with a parent run listening (tracker.crawl): an unchanged page (304, same hash as the current record)
# is reported on stdout as an event and not stored; see scrapers/pipelines.py
LICENSURE_UNCHANGED_EVENTS = False

LOG_LEVEL = "INFO"
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
FEED_EXPORT_ENCODING = "utf-8"
