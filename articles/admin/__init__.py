"""The articles' admin, one module a job: the change form (forms), the article and topic pages
(article), the list's publish actions (actions), importing an old blog (importing), the image
library (images), reviews due and the editorial policy (reviews)."""

from articles.admin import article, images, reviews  # noqa: F401 - each registers its admins
