"""The rules of release, pure: no file is read or edited here.

``signoff`` (a sign-off record and its fingerprint; what changed since), ``dates``
(the review interval and overdue), ``approval`` (a translation's approval and
whether it still holds), ``clinic`` (a clinic profile's confirmation), ``release``
(may a leaflet print for patients, and if not, which stamp it carries).
"""
