// Who did something: a person (by the id the chat surface gave them), one of Vigil's own timers
// ('vigil'), or an alert source by its policy name. Source names are simple words (letters,
// digits, . _ -); name sources in words, since one spelled like a user id (U0ABC) would be taken
// for a person.

const PERSON_ID = /^[UW][A-Z0-9]{2,}$/;

export const VIGIL_ACTOR = 'vigil';

/** Whether an actor is a person, as opposed to a source or Vigil itself. */
export const isPersonActor = (actor: string): boolean => PERSON_ID.test(actor);
