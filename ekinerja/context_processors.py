def navigation(request):
    """Flags the base layout uses to show only the menus the user's role can use."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": {}}
    return {
        "nav": {
            "org": user.can_manage_org,
            "hr": user.is_hr_pemda or user.is_superadmin,
            "admin_site": user.is_superadmin and user.is_staff,
        }
    }
