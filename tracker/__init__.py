"""licensure-tracker core library: records, storage, normalizers, diff, alerts, reports.

This package never imports Scrapy; crawling lives in `scrapers/` and runs in a
subprocess.
"""

__version__ = "0.1.0"
