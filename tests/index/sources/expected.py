"""What each saved page's own metadata says (title, author, date, canonical URL), checked by
hand against its ``og:title``/``<h1>``, author meta tags and canonical link."""

from __future__ import annotations

from typing import NamedTuple


class Expected(NamedTuple):
    title: str
    author: str | None
    date: str
    url: str


PAGES = {
    "time_001.html": Expected(
        "We Need Geoengineering to Stop Out of Control Warming Says James Hansen", "Alejandro de la Garza",
        "2023-11-02", "https://time.com/6330957/james-hansen-climate-warning-geoengineering-study/"),
    "fox13now_001.html": Expected(
        "New Year, new laws: Obamacare, pot, guns and drones", "CNN Wire", "2013-12-30",
        "https://www.fox13now.com/2013/12/30/new-year-new-laws-obamacare-pot-guns-and-drones"),
    "cnn_article.html": Expected(
        "After storm, forecasters see smooth sailing for Thanksgiving",
        "Dana A Ford; James S A Corey; Chien-Ming Wang; Tom Watkins; CNN", "2013-11-27",
        "http://www.cnn.com/2013/11/27/travel/weather-thanksgiving/index.html"),
    "cleveland.com1.html": Expected(
        "Let me Google that for you: 2014's most popular food-related searches", "National Desk", "2014-12-27",
        "http://www.cleveland.com/food/index.ssf/2014/12/let_me_google_that_for_you_201.html"),
    "fivethirtyeight_manchin.html": Expected(
        "Could Manchin Actually Leave The Democratic Party?", "Geoffrey Skelley", "2021-10-25",
        "https://fivethirtyeight.com/features/could-manchin-actually-leave-the-democratic-party/"),
}
