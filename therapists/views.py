from django.views.generic import DetailView, ListView

from therapists.models import Modality, Therapist


class TherapistListView(ListView):
    queryset = Therapist.objects.listed()


class TherapistDetailView(DetailView):
    queryset = Therapist.objects.listed()


class ModalityListView(ListView):
    model = Modality


class ModalityDetailView(DetailView):
    model = Modality
