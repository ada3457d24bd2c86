package dev.gearbox.demo;

/** Told of every demo request as it completes; called from many client threads at once. */
interface DemoListener {
  void called(CallRecord call);

  /** Requests of the plan that were not sent because an earlier step of their script failed. */
  void skipped(int requests);
}
