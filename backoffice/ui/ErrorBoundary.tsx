// A screen that throws shows what went wrong in its place; the menu stays usable.
import { Component, type ReactNode } from 'react';
import { ErrorNotice } from './Notice';

export class ErrorBoundary extends Component<{ children: ReactNode }, { error: unknown }> {
  override state: { error: unknown } = { error: null };
  static getDerivedStateFromError(error: unknown) {
    return { error };
  }
  override render() {
    return this.state.error ? <ErrorNotice error={this.state.error} /> : this.props.children;
  }
}
