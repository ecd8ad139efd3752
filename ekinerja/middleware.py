from django.conf import settings
from django.utils import translation


class LanguageMiddleware:
    """Indonesian unless the user picked another language (the set_language cookie).

    Django's LocaleMiddleware follows the browser's Accept-Language, and many office PCs and
    phones are set to English: Django's own messages would then switch to English in the middle
    of an Indonesian page.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.available = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request):
        lang = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if lang not in self.available:
            lang = settings.LANGUAGE_CODE
        translation.activate(lang)
        request.LANGUAGE_CODE = lang
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", lang)
        return response
