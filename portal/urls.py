from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Registre des délibérations — administration"
admin.site.site_title = "Registre des délibérations"
admin.site.index_title = "Secrétariat des assemblées"

urlpatterns = [
    path("admin/", admin.site.urls),
]
