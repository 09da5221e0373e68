/// The upgrade pipeline was asked to upgrade a request the hub had not admitted.
struct HubUpgradeNotAdmitted: Error {}
