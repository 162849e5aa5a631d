//! Ballista: placeholder until the cluster test lands.
