"""Coherent statutes settings: a quorum in voices needs weighted votes; seats are positive."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('portal', '0008_legal_body_settings_voices_kinds'),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='bodysettings',
            constraint=models.CheckConstraint(condition=models.Q(('quorum_in_voices', False), ('weighted_votes', True), _connector='OR'), name='body_settings_quorum_in_voices_needs_weights', violation_error_message='Le quorum ne se compte en voix que si les statuts pondèrent les votes.'),
        ),
        migrations.AddConstraint(
            model_name='bodysettings',
            constraint=models.CheckConstraint(condition=models.Q(('seats__isnull', True), ('seats__gte', 1), _connector='OR'), name='body_settings_seats_positive', violation_error_message="L'assemblée compte au moins un siège."),
        ),
    ]
