// What a Returns step asks of a supervisor: the words above their badge, and the act their badge and PIN
// unlock (resolving to why not, shown in the approval dialog, or null once done).
import type { ApiError } from '../../../services/api/contract';
import type { StaffCredentials } from '../BadgePinForm';

export interface ApprovalAsk {
  detail: string;
  submit(credentials: StaffCredentials): Promise<ApiError | null>;
}

/** A refusal of the supervisor's badge or PIN, which their dialog shows so they can type again. */
export function isApproverRefusal(error: ApiError): boolean {
  return error.code.startsWith('staff_') || error.code.startsWith('approv');
}
