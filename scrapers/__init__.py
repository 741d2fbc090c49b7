"""Scrapy project: one spider module per jurisdiction, on one shared base."""
