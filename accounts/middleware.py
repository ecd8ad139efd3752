from django.contrib.auth import logout
from django.shortcuts import redirect


class WajibGantiPasswordMiddleware:
    """An account not yet activated is never signed in (accounts.backends refuses it, even from a
    session kept from before its reset); should one arrive here all the same, it is signed out and
    sent to the activation page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and getattr(user, "wajib_ganti_password", False):
            logout(request)
            return redirect("aktivasi")
        return self.get_response(request)
