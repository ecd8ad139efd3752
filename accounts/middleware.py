from django.shortcuts import redirect
from django.urls import reverse


class WajibGantiPasswordMiddleware:
    """A first login with the default password (the NIP) must choose a new one before going on."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and getattr(user, "wajib_ganti_password", False):
            allowed = {reverse("password_change"), reverse("logout")}
            if request.path not in allowed and not request.path.startswith("/static/"):
                return redirect("password_change")
        return self.get_response(request)
