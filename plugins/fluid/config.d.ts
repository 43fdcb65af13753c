export interface Config {
  fluid?: {
    /**
     * The Fluid frontend plugin.
     */
    frontend?: {
      /**
       * Seconds between automatic reloads of the Model cache tab, card and
       * fleet page; 0 turns auto-refresh off (the refresh button still
       * works). Default 30. The backend serves from memory, so short
       * intervals cost the clusters nothing.
       *
       * @visibility frontend
       */
      refreshIntervalSeconds?: number;
    };
  };
}
