"""The widgets written in Python give, byte for byte, the HTML of Django's widget templates."""

from django import forms

from portal.kernel import widgets

CHOICES = [
    ("", "Toutes"),
    ("l'artois", "Communauté d'agglomération de l'Artois <CA>"),
    (2025, "2025"),
    ("Transports", [("bus", "Bus & car"), ("rail", "Train")]),
    ("7.5", "7.5 Subventions"),
]


def _both(value, attrs=None, choices=CHOICES, **widget_attrs):
    fast = widgets.Select(attrs=widget_attrs or None, choices=choices)
    django = forms.Select(attrs=widget_attrs or None, choices=choices)
    return (fast.render("matter", value, attrs=attrs),
            django.render("matter", value, attrs=attrs))


def test_select_is_django_s_html_for_each_selected_value_and_attribute():
    for value in (None, "", "l'artois", 2025, "2025", "bus", "7.5", "absent"):
        fast, django = _both(value, attrs={"id": "id_matter"})
        assert fast == django, value
    fast, django = _both("rail", attrs={"id": "id_<m>", "aria-invalid": "true",
                                         "required": True, "disabled": False})
    assert fast == django
    assert 'id="id_&lt;m&gt;"' in fast and "disabled" not in fast
    assert '<option value="rail" selected>Train</option>' in fast
    assert "&lt;CA&gt;" in fast and "l&#x27;artois" in fast


def test_select_with_a_label_of_another_type_is_rendered_by_the_template():
    fast, django = _both(3, choices=[(3, 3), (4, 4.5)])
    assert fast == django
    assert '<option value="3" selected>3</option>' in fast


def test_a_bound_field_with_an_error_renders_as_django_s():
    fast = forms.ChoiceField(choices=CHOICES, widget=widgets.Select)
    django = forms.ChoiceField(choices=CHOICES)

    class Form(forms.Form):
        pass

    form = Form({"matter": "zz"})
    form.fields["matter"] = fast
    form.is_valid()
    rendered_fast = str(form["matter"])
    form = Form({"matter": "zz"})
    form.fields["matter"] = django
    form.is_valid()
    assert rendered_fast == str(form["matter"])
    assert 'aria-invalid="true"' in rendered_fast
